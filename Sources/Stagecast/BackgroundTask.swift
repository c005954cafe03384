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

  /// Waits for the work and hands over its value, or rethrows its error.
  ///
  /// Call it once: the task lets go of the value, so a caller that changes
  /// a large value is not made to copy it.
  func value() throws -> Value {
    group.wait()
    guard let result = result.take() else {
      preconditionFailure("BackgroundTask's value was taken already or never set")
    }
    return try result.get()
  }
}

/// Lets a value that is not `Sendable` cross to another thread, for code
/// that makes sure only one thread uses it at a time: the tokenizer until
/// its channel finishes, each table writer its own element of the output.
struct HandOver<Value>: @unchecked Sendable {
  let value: Value
}
