import Glibc

/// Text of an export cell that is different on nearly every row (a deal's
/// name, its account), kept in a block of bytes shared by many deals.
///
/// As `String`s, a million deal names are a million heap allocations, each
/// made and freed alone. As shared text they are copies into a few large
/// blocks. A report reads only the deals it lists (overdue, stalled, the largest),
/// so the text is decoded when it is read.
struct SharedText: Sendable {
  private let block: TextBlock
  private let start: UInt32
  private let count: UInt32

  fileprivate init(block: TextBlock, start: Int, count: Int) {
    self.block = block
    self.start = UInt32(start)
    self.count = UInt32(count)
  }

  /// Copies one text into a block of its own, for deals made one at a time.
  init(_ text: String) {
    var text = text
    self = text.withUTF8 { bytes in
      var writer = SharedTextWriter(blockCapacity: bytes.count)
      return writer.text(bytes)
    }
  }

  /// Returns whether both texts are missing, or both have the same bytes.
  static func haveSameBytes(_ left: SharedText?, _ right: SharedText?) -> Bool {
    guard let left, let right else { return left == nil && right == nil }
    return left.count == right.count
      && memcmp(
        left.block.bytes + Int(left.start), right.block.bytes + Int(right.start), Int(left.count))
        == 0
  }

  /// The text, with bytes that are not UTF-8 read as U+FFFD (`String(decoding:)`).
  var string: String {
    String(
      decoding: UnsafeBufferPointer(start: block.bytes + Int(start), count: Int(count)),
      as: UTF8.self)
  }
}

/// Copies cell bytes into shared blocks, starting a new block when one is full.
struct SharedTextWriter {
  /// Large enough that a million names take a few dozen blocks, small enough
  /// that the unused end of the last block does not count.
  static let standardBlockCapacity = 1 << 20

  private var block: TextBlock

  init(blockCapacity: Int = Self.standardBlockCapacity) {
    block = TextBlock(capacity: blockCapacity)
  }

  mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> SharedText {
    if let text = block.append(bytes) { return text }

    // A text longer than a block gets a block of its own size.
    block = TextBlock(capacity: max(Self.standardBlockCapacity, bytes.count))
    guard let text = block.append(bytes) else {
      preconditionFailure("a new block holds \(bytes.count) bytes")
    }
    return text
  }
}

/// A fixed buffer of bytes that only grows at its end.
///
/// It is safe to share between threads: the bytes a `SharedText` reads are
/// written before the text exists and never written again, and only the
/// writer that made the block appends to it.
private final class TextBlock: @unchecked Sendable {
  let bytes: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private var used = 0

  init(capacity: Int) {
    // UInt32 offsets address the block, and a cell is far below 4 GiB.
    precondition(capacity <= Int(UInt32.max), "a text block of \(capacity) bytes")
    self.capacity = max(capacity, 1)
    bytes = .allocate(capacity: self.capacity)
  }

  deinit {
    bytes.deallocate()
  }

  /// Copies the bytes in and returns their text, or nil when they do not fit.
  func append(_ text: UnsafeBufferPointer<UInt8>) -> SharedText? {
    guard text.count <= capacity - used else { return nil }

    if let base = text.baseAddress {
      (bytes + used).update(from: base, count: text.count)
    }
    defer { used += text.count }
    return SharedText(block: self, start: used, count: text.count)
  }
}
