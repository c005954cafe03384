import Foundation

/// A bounded queue of record blocks between one tokenizing thread and
/// one reading thread, which either side can end early.
final class RecordChannel: @unchecked Sendable {
  // Every stored property below is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var full: [RecordStorage] = []
  private var emptied: [RecordStorage] = []
  private var isFinished = false
  private var isCancelled = false
  private var failure: Error?
  /// Blocks waiting at most: the tokenizer waits when the reader is this far behind.
  private static let depth = 8

  /// Queues `records` for the reader.
  ///
  /// Returns false when the reader has stopped, and the tokenizer should then stop too.
  func send(_ records: RecordStorage) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while full.count >= Self.depth, !isCancelled { condition.wait() }
    guard !isCancelled else { return false }
    full.append(records)
    condition.broadcast()
    return true
  }

  /// Returns a block the reader has finished with, or a new one.
  func spare() -> RecordStorage {
    condition.lock()
    let block = emptied.popLast()
    condition.unlock()
    return block ?? RecordStorage()
  }

  /// Marks the end of the records, with the tokenizer's error if it failed.
  func finish(failure: Error?) {
    condition.lock()
    isFinished = true
    self.failure = failure
    condition.broadcast()
    condition.unlock()
  }

  /// Returns the next block, or nil once the tokenizer has finished and every block was read.
  func receive() -> RecordStorage? {
    condition.lock()
    defer { condition.unlock() }
    while full.isEmpty, !isFinished { condition.wait() }
    guard !full.isEmpty else { return nil }
    let records = full.removeFirst()
    condition.broadcast()
    return records
  }

  /// Gives back a block no record reads any more, so its memory is used again.
  func recycle(_ records: RecordStorage) {
    condition.lock()
    emptied.append(records)
    condition.unlock()
  }

  /// Tells the tokenizer to stop, for a reader that failed.
  func cancel() {
    condition.lock()
    isCancelled = true
    condition.broadcast()
    condition.unlock()
  }

  /// Runs `work` on a thread of its own.
  ///
  /// Not on a dispatch queue: the reader waits for this thread, and a
  /// queue's threads may all be taken by then.
  static func startThread(_ work: @escaping @Sendable () -> Void) {
    Thread.detachNewThread(work)
  }

  /// Waits for the tokenizer to finish and returns its error, if any.
  func waitForFinish() -> Error? {
    condition.lock()
    defer { condition.unlock() }
    while !isFinished { condition.wait() }
    return failure
  }
}
