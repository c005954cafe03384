/// The meaning of a stage or status word under the configuration.
enum StageWord: Equatable {
  case stage(Int)
  case outcome(DealStatus)
}

/// Looks up stage, outcome, status and led-by words, with case, width,
/// spaces and punctuation ignored.
///
/// A class, whose tables never change after `init`: the import hands it to
/// a closure on every row, and copying its tables each time showed in
/// profiles. Only the memo of values already looked up grows, so each
/// import thread makes its own instance.
final class Vocabulary {
  // Constants, so that reading them needs no runtime exclusivity check.
  private let stageWords: [String: StageWord]
  private let statusWords: [String: DealStatus]
  private let partnerWords: Set<String>
  private let emptyMarkers: Set<String>
  /// Maximum length of an empty marker in UTF-8 bytes, so longer cells skip the lookup.
  private let longestEmptyMarker: Int
  private let currencyAliases: Set<String>
  /// For each first UTF-8 byte, the lengths an empty marker starting with it
  /// can have in any case or width.
  ///
  /// Bit n stands for n bytes, bit 63 for 63 and more. Most cells fail this
  /// test and skip the folding and lookup.
  private let emptyMarkerLengths: UnsafeMutablePointer<UInt64>
  /// The ASCII markers, lowercased.
  ///
  /// Cells like `North` pass the first-byte test on every row; compared as
  /// bytes, they need no `String`.
  private let asciiEmptyMarkers: [[UInt8]]
  private let memo = Memo()

  /// Meanings of raw cell values already looked up.
  ///
  /// Stage, status and led-by
  /// columns repeat a handful of values on every row, and normalizing each
  /// cell again took a tenth of the import.
  private final class Memo {
    var stages: [String: StageWord?] = [:]
    var statuses: [String: DealStatus?] = [:]
    var partners: [String: Bool] = [:]
    /// Non-ASCII cells that passed the first-byte test: 我方主导 starts
    /// as 无 does, and folding and lowercasing it on every row showed in profiles.
    var emptyCells = CellMemo<Bool>(limit: 4_096)
  }

  /// Values remembered per column kind; an id-like column stops filling the memo here.
  private static let memoLimit = 4_096

  init(configuration: Configuration, statusCodes: [String: DealStatus] = [:]) {
    var stageWords: [String: StageWord] = [:]
    var statusWords: [String: DealStatus] = [:]
    for outcome in [DealStatus.won, .lost, .excluded] {
      let words: [String]
      switch outcome {
      case .won: words = configuration.outcomes.won
      case .lost: words = configuration.outcomes.lost
      default: words = configuration.outcomes.excluded
      }
      for word in words {
        stageWords[normalizedWord(word)] = .outcome(outcome)
        statusWords[normalizedWord(word)] = outcome
      }
    }

    // Stage names win over outcome words when a company uses both spellings.
    for stage in configuration.stages {
      for word in [stage.id, stage.name.zh, stage.name.en] + stage.aliases {
        stageWords[normalizedWord(word)] = .stage(stage.index)
      }
    }
    for word in configuration.outcomes.open {
      statusWords[normalizedWord(word)] = .open
    }
    for (code, status) in statusCodes where statusWords[code] == nil {
      statusWords[code] = status
    }
    // Single-letter status codes (SAP Business One and similar ERPs).
    for (code, status) in [("w", DealStatus.won), ("l", .lost), ("o", .open)]
    where statusWords[code] == nil {
      statusWords[code] = status
    }

    self.stageWords = stageWords
    self.statusWords = statusWords

    partnerWords = Set(configuration.partnerWords.map(normalizedWord))
    emptyMarkers = Set(configuration.emptyMarkers.map { foldedWidth($0).lowercased() })
    // A full-width cell takes up to three times the bytes of its folded form.
    longestEmptyMarker = configuration.emptyMarkers.map { $0.utf8.count }.max() ?? 0
    let emptyMarkerLengths = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
    emptyMarkerLengths.initialize(repeating: 0, count: 256)
    func lengths(_ range: ClosedRange<Int>) -> UInt64 {
      range.reduce(0) { $0 | 1 << UInt64(min($1, 63)) }
    }
    for marker in configuration.emptyMarkers {
      // A full-width letter takes three bytes where its folded form takes one.
      for form in [marker, marker.lowercased(), marker.uppercased()] {
        let count = form.utf8.count
        if let first = form.utf8.first {
          emptyMarkerLengths[Int(first)] |= lengths(count...3 * count)
        }
      }
    }
    // Full-width forms (Ｎ／Ａ) start with 0xEF.
    emptyMarkerLengths[0xEF] |= lengths(1...max(1, 3 * longestEmptyMarker))
    self.emptyMarkerLengths = emptyMarkerLengths
    asciiEmptyMarkers = emptyMarkers.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
    // The spellings of the yuan apply only while the report currency is CNY,
    // so a file with currency.code USD reads ¥ as a currency to convert.
    var aliases = configuration.currencyAliases + [configuration.currency]
    if configuration.currency == "CNY" { aliases += ["人民币", "RMB", "CNY", "¥", "￥", "元"] }
    currencyAliases = Set(aliases.map { foldedWidth($0).uppercased() })
  }

  func stageWord(_ text: String) -> StageWord? {
    if let known = memo.stages[text] { return known }
    let word = stageWords[normalizedWord(text)]
    if memo.stages.count < Self.memoLimit { memo.stages[text] = word }
    return word
  }

  func status(_ text: String) -> DealStatus? {
    if let known = memo.statuses[text] { return known }
    let status = statusWords[normalizedWord(text)]
    if memo.statuses.count < Self.memoLimit { memo.statuses[text] = status }
    return status
  }

  /// Reads a yes/no cell (`True`, `FALSE`, `是`, `否`, `1`, `0`); nil when it is neither.
  func flag(_ text: String) -> Bool? {
    switch normalizedWord(text) {
    case "true", "yes", "y", "1", "是", "有效": return true
    case "false", "no", "n", "0", "否", "无效": return false
    default: return nil
    }
  }

  func isPartner(_ text: String) -> Bool {
    if let known = memo.partners[text] { return known }
    let isPartner = partnerWords.contains(normalizedWord(text))
    if memo.partners.count < Self.memoLimit { memo.partners[text] = isPartner }
    return isPartner
  }

  deinit {
    emptyMarkerLengths.deallocate()
  }

  /// The first step of `isEmpty`, for code that runs it on every cell.
  var emptyCellTest: EmptyCellTest {
    EmptyCellTest(vocabulary: self, lengths: emptyMarkerLengths)
  }

  private func mayBeEmptyMarker(first: UInt8, count: Int) -> Bool {
    emptyMarkerLengths[Int(first)] & (1 << UInt64(min(count, 63))) != 0
      && count <= longestEmptyMarker * 3
  }

  /// Returns whether a trimmed cell counts as missing: empty, or an empty marker.
  func isEmpty(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return true }
    guard mayBeEmptyMarker(first: first, count: text.utf8.count) else {
      return false
    }
    return emptyMarkers.contains(foldedWidth(text).lowercased())
  }

  /// Returns whether a trimmed cell's bytes count as missing; the first-byte
  /// test settles nearly every cell without building a `String`.
  func isEmpty(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first else { return true }
    guard mayBeEmptyMarker(first: first, count: bytes.count) else {
      return false
    }
    if bytes.allSatisfy({ $0 < 0x80 }) {
      // ASCII folds to itself in width; only the case differs.
      return asciiEmptyMarkers.contains { marker in
        marker.count == bytes.count
          && zip(marker, bytes).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
      }
    }
    return memo.emptyCells.value(of: bytes) { isEmpty($0) }
  }

  /// Returns whether a currency cell names the report currency.
  func isReportCurrency(_ text: String) -> Bool {
    currencyAliases.contains(foldedWidth(text).uppercased())
  }
}

/// Reads an owner's probability.
///
/// It accepts `40`, `40%`, `0.4` and `99.00`. Whether a bare number is a fraction or percentage points is decided per column.
enum ProbabilityParser {
  /// Parses the cell's bytes; plain ASCII decimals are read without a `String`.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, hasPercent: Bool)? {
    if let value = plainDecimal(bytes) { return (value, false) }
    // `40%`, as Chinese CRMs write it on every row.
    if let last = bytes.last, last == UInt8(ascii: "%"),
      let value = plainDecimal(UnsafeBufferPointer(rebasing: bytes.dropLast()))
    {
      return (value, true)
    }
    return parse(String(decoding: bytes, as: UTF8.self))
  }

  /// Reads `40`, `0.4` or `99.00`: digits with at most one point and fifteen
  /// digits, nil for any other form.
  ///
  /// The digits form an exact integer and the power of ten is exact, so the one
  /// division rounds as `Double("0.4")` does and gives the same value.
  static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0
    var decimals = 0
    var seenPoint = false
    for byte in bytes {
      if byte >= 0x30, byte <= 0x39 {
        // Past fifteen digits the general parser decides: twenty digits
        // can overflow the mantissa.
        guard digits < 15 else { return nil }
        mantissa = mantissa * 10 + UInt64(byte - 0x30)
        digits += 1
        if seenPoint { decimals += 1 }
      } else if byte == 0x2E, !seenPoint {
        seenPoint = true
      } else {
        return nil
      }
    }
    guard digits > 0 else { return nil }
    return Double(mantissa) / powersOfTen[decimals]
  }

  private static let powersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// Parses the number, and tells whether it carried a percent sign.
  static func parse(_ text: String) -> (value: Double, hasPercent: Bool)? {
    // Plain ASCII numbers, the usual cell, go straight to Double.
    if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) {
      guard let value = Double(text), value.isFinite else { return nil }
      return (value, false)
    }
    var body = foldedWidth(text)
    let hasPercent = body.hasSuffix("%")
    if hasPercent { body.removeLast() }
    guard let value = Double(body.trimmingCharacters(in: " ")), value.isFinite, value >= 0 else {
      return nil
    }
    return (value, hasPercent)
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

/// `Vocabulary.isEmpty` for bytes, with its first step inlined where it runs.
///
/// The import runs it on every cell it reads, sixteen million times for a
/// million deals. Nearly every cell is settled by its first byte and length,
/// without a call into the vocabulary.
struct EmptyCellTest {
  /// The vocabulary, for the full test.
  ///
  /// It also keeps `lengths` allocated.
  fileprivate let vocabulary: Vocabulary
  fileprivate let lengths: UnsafePointer<UInt64>

  fileprivate init(vocabulary: Vocabulary, lengths: UnsafeMutablePointer<UInt64>) {
    self.vocabulary = vocabulary
    self.lengths = UnsafePointer(lengths)
  }

  /// Returns whether a trimmed cell counts as missing: empty, or an empty marker.
  @inline(__always)
  func isEmpty(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = cell.first else { return true }
    guard lengths[Int(first)] & (1 &<< UInt64(min(cell.count, 63))) != 0 else { return false }
    return vocabulary.isEmpty(cell)
  }
}
