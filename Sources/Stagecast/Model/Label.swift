import Foundation

/// A label that many deals repeat (an owner, a region, a product, an
/// industry, a forecast category), kept as its number in a store shared by
/// the whole process.
///
/// An export repeats a small set of owners, regions and products across its
/// deals. As `String`s the five labels took 80 bytes of every deal and five
/// retains on every copy of it. As numbers they take 20 bytes, and copying
/// a deal retains none of them.
struct Label: Hashable, Sendable {
  /// No label: the cell was empty.
  static let none = Label(number: 0)

  private let number: UInt32

  private init(number: UInt32) {
    self.number = number
  }

  /// Returns the label of `text`, adding it to the store the first time.
  init(interning text: String?) {
    guard let text else {
      self = .none
      return
    }
    self.init(number: LabelStore.shared.number(of: text))
  }

  /// The label's text, nil for `none`.
  var text: String? {
    number == 0 ? nil : LabelStore.shared.text(number)
  }
}

/// The texts of all labels, each stored once and never removed.
///
/// Reading takes no lock. A label's text is written before its number is
/// handed out and never written again, and a reader gets the number with
/// the deal, through the same handover between threads. Texts sit in fixed
/// chunks that never move, so an append on one thread does not move what
/// another thread reads.
///
/// NOTE: the store only grows. A process that imports many exports keeps
/// every distinct label it has seen, about a hundred bytes each, and a
/// column with a new value on every row adds one text per row.
private final class LabelStore: @unchecked Sendable {
  static let shared = LabelStore()

  private static let chunkSize = 1 << 12
  /// 16,384 chunks of 4,096 texts: 64 million distinct labels.
  private static let chunkLimit = 1 << 14

  /// The number of each text by its UTF-8 bytes, and how many numbers are
  /// handed out.
  ///
  /// Bytes, not `String`: two spellings that `String` treats as equal (é
  /// composed or not) stay two labels, so each deal reads back its own bytes.
  ///
  /// Guarded by `lock`: an `NSLock`, a pthread mutex that the thread
  /// sanitizer follows, where it took `Mutex`'s futex for a data race.
  private var numberOfBytes: [[UInt8]: UInt32] = [:]
  private var count: UInt32 = 0
  private let lock = NSLock()
  private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?>

  private init() {
    chunks = .allocate(capacity: Self.chunkLimit)
    chunks.initialize(repeating: nil, count: Self.chunkLimit)
  }

  func number(of text: String) -> UInt32 {
    let bytes = Array(text.utf8)
    return lock.withLock {
      if let known = numberOfBytes[bytes] { return known }

      // Number 0 is `Label.none`.
      count += 1
      let number = count
      let (chunk, slot) = Self.place(of: number)
      precondition(chunk < Self.chunkLimit, "more than \(Self.chunkLimit) label chunks")
      if chunks[chunk] == nil {
        // Written once, because readers may be reading earlier chunks.
        chunks[chunk] = .allocate(capacity: Self.chunkSize)
      }
      if let texts = chunks[chunk] { (texts + slot).initialize(to: text) }
      numberOfBytes[bytes] = number
      return number
    }
  }

  func text(_ number: UInt32) -> String {
    let (chunk, slot) = Self.place(of: number)
    guard let texts = chunks[chunk] else {
      preconditionFailure("label \(number) was never handed out")
    }
    return texts[slot]
  }

  private static func place(of number: UInt32) -> (chunk: Int, slot: Int) {
    (Int(number) / chunkSize, Int(number) % chunkSize)
  }
}
