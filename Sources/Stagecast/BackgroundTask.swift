import Dispatch

/// Work started on another thread now and awaited later, for the two input
/// files, which are read at the same time on a two-core machine.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
  // Written once by the worker before `group.leave()`, read only after `wait()`.
  private var result: Result<Value, Error>?
  private let group = DispatchGroup()

  init(_ work: @escaping @Sendable () throws -> Value) {
    group.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      self.result = Result { try work() }
      self.group.leave()
    }
  }

  /// Waits for the work and returns its value or rethrows its error.
  func value() throws -> Value {
    group.wait()
    guard let result else { preconditionFailure("BackgroundTask finished without a result") }
    return try result.get()
  }
}
