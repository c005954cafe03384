import Foundation

/// Records in one block of memory, handed from the thread that tokenizes
/// a file to the thread that reads the records.
struct RecordBatch {
  /// Records a batch contains before it is handed over: enough that the two
  /// threads meet a few hundred times for a million rows, not once a row.
  static let capacity = 2_048

  struct Entry {
    var bytes: Range<Int>
    var spans: Range<Int>
    var line: Int
    var lastLine: Int
    var followsBlankLine: Bool
  }

  var bytes: [UInt8] = []
  /// Each field's span, relative to its record's first byte.
  var spans: [Range<Int>] = []
  var entries: [Entry] = []

  var isFull: Bool { entries.count >= Self.capacity }

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }
}

/// A bounded queue of record batches between one tokenizing thread and
/// one reading thread, which either side can end early.
final class RecordChannel: @unchecked Sendable {
  // Every stored property below is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var full: [RecordBatch] = []
  private var spare: [RecordBatch] = []
  private var isFinished = false
  private var isCancelled = false
  private var failure: Error?
  /// Batches waiting at most; the tokenizer waits when the reader is this far behind.
  private static let depth = 4

  /// Queues `batch` for the reader and returns an emptied one to fill next,
  /// or nil when the reader has stopped and the tokenizer should too.
  func send(_ batch: RecordBatch) -> RecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while full.count >= Self.depth, !isCancelled { condition.wait() }
    guard !isCancelled else { return nil }
    full.append(batch)
    condition.broadcast()
    return spare.popLast() ?? RecordBatch()
  }

  /// Marks the end of the records, with the tokenizer's error if it failed.
  func finish(failure: Error?) {
    condition.lock()
    isFinished = true
    self.failure = failure
    condition.broadcast()
    condition.unlock()
  }

  /// Returns the next batch; nil once the tokenizer has finished and every batch was read.
  func receive() -> RecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while full.isEmpty, !isFinished { condition.wait() }
    guard !full.isEmpty else { return nil }
    let batch = full.removeFirst()
    condition.broadcast()
    return batch
  }

  /// Gives an emptied batch back, so its memory is used again.
  func recycle(_ batch: RecordBatch) {
    var batch = batch
    batch.removeAll()
    condition.lock()
    spare.append(batch)
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
