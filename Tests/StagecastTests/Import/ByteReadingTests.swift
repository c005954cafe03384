import Testing

@testable import Stagecast

/// The import reads cells as bytes; these tests hold the byte paths to the
/// `String` paths and to Swift's own parsers, which serve as the reference.
struct ByteReadingTests {
  private func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
    -> Result
  {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer(body)
  }

  @Test func tableNumbersTextsInFirstSeenOrder() {
    var table = TextTable()
    let words = ["OPP-1", "OPP-2", "", "OPP-1", "商机", "OPP-2", "商机"]
    let numbers = words.map { word in withBytes(word) { table.insert($0) } }

    // Worked out by hand: new texts take 0, 1, 2, 3 in order; repeats return their number.
    #expect(numbers.map(\.number) == [0, 1, 2, 0, 3, 1, 3])
    #expect(numbers.map(\.isNew) == [true, true, true, false, true, false, false])
    #expect(table.count == 4)
    #expect(table[3] == "商机")
    #expect(withBytes("OPP-3") { table.find($0) } == nil)
    #expect(withBytes("OPP-2") { table.find($0) } == 1)
  }

  @Test func tableKeepsEveryTextThroughGrowth() {
    // Far past the initial 16 slots, so the table grows many times.
    var table = TextTable()
    let ids = (0..<50_000).map { "ID-\($0 * 7919 % 100_003)" }
    for id in ids { _ = withBytes(id) { table.insert($0) } }

    #expect(table.count == Set(ids).count)
    for (number, id) in ids.enumerated().filter({ $0.offset % 997 == 0 }) {
      #expect(withBytes(id) { table.find($0) } == number)
      #expect(table[number] == id)
    }
    #expect(withBytes("ID-100003") { table.find($0) } == nil)
  }

  @Test func shortKeysEqualExactlyWhenBytesDo() {
    // Every length up to 20, against the same text with one byte changed and
    // with one byte more: keys of texts up to 15 bytes decide equality alone.
    for length in 0...20 {
      let text = (0..<length).map { UInt8(0x41 + $0 % 26) }
      var changed = text
      if length > 0 { changed[length - 1] ^= 0x20 }
      let longer = text + [0x41]
      let key = text.withUnsafeBufferPointer { ShortKey($0) }
      #expect(key.isShort == (length <= 15), "length \(length)")
      #expect(key == text.withUnsafeBufferPointer { ShortKey($0) })
      if length > 0, length <= 15 {
        #expect(key != changed.withUnsafeBufferPointer { ShortKey($0) }, "length \(length)")
      }
      if length < 15 {
        #expect(key != longer.withUnsafeBufferPointer { ShortKey($0) }, "length \(length)")
      }
    }
  }

  @Test func tableTellsLongTextsApartByTheirBytes() {
    var table = TextTable()
    let first = "Account 44498 - IoT Gateway pilot 2024"
    let second = "Account 44498 - IoT Gateway pilot 2025"
    let a = withBytes(first) { table.insert($0) }
    let b = withBytes(second) { table.insert($0) }
    #expect(a.number != b.number)
    #expect(withBytes(first) { table.find($0) } == a.number)
    #expect(withBytes(second) { table.find($0) } == b.number)
  }

  @Test(arguments: [
    ("  plain  ", "plain"),
    ("\u{3000}商机\u{3000}", "商机"),
    ("\u{00A0}12,000\u{00A0}", "12,000"),
    ("\u{FEFF}id", "id"),
    ("\tA\t", "A"),
    ("\u{2003}em\u{2009}", "em"),
    ("inner  space", "inner  space"),
    ("   ", ""),
    ("", ""),
    ("中\u{3000}文", "中\u{3000}文"),
    // Chinese text, with and without spaces at its ends.
    ("客户44498", "客户44498"),
    ("物联网网关", "物联网网关"),
    ("商机\u{3000}", "商机"),
    ("商机 ", "商机"),
    ("商机\u{00A0}", "商机"),
    ("\u{2002}中文", "中文"),
    ("2024年物联网网关试点项目\u{3000}\u{3000}", "2024年物联网网关试点项目"),
    ("é", "é"),
  ])
  func trimmingMatchesUnicodeWhiteSpace(_ cell: String, _ expected: String) {
    let trimmed = withBytes(cell) { bytes in
      let span = TrimmedSpan.of(bytes)
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[span]), as: UTF8.self)
    }
    #expect(trimmed == expected)
  }

  /// Every decimal the owners' probability column is likely to hold, read
  /// from bytes and compared with `Double(String)` bit for bit.
  @Test func plainDecimalsEqualSwiftsParser() {
    var texts: [String] = []
    for whole in [0, 1, 5, 10, 33, 40, 66, 99, 100] {
      texts.append("\(whole)")
      for decimals in ["0", "00", "1", "25", "333", "5", "75", "99"] {
        texts.append("\(whole).\(decimals)")
      }
    }
    texts += ["0.1", "0.2", "0.3", "0.7", "0.9", "123456789012345", "0.000001", ".5", "5."]
    for text in texts {
      let value = withBytes(text) { ProbabilityParser.plainDecimal($0) }
      #expect(value?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
    #expect(withBytes("1.2.3") { ProbabilityParser.plainDecimal($0) } == nil)
    // Sixteen digits and more go to the general parser, twenty and more without overflow.
    #expect(
      withBytes(String(repeating: "9", count: 16)) { ProbabilityParser.plainDecimal($0) } == nil)
    #expect(
      withBytes(String(repeating: "6", count: 110)) { ProbabilityParser.plainDecimal($0) } == nil)
    #expect(
      withBytes("0." + String(repeating: "5", count: 30)) { ProbabilityParser.plainDecimal($0) }
        == nil)
    #expect(withBytes(".") { ProbabilityParser.plainDecimal($0) } == nil)
    #expect(withBytes("40%") { ProbabilityParser.plainDecimal($0) } == nil)
  }

  /// The byte reading of a probability cell against the text reading, which
  /// folds width and trims spaces through `String`: percent forms, plain
  /// numbers and forms only the text path takes.
  @Test(arguments: [
    "40%", "0%", "100%", "12.5%", "%", "4%0", "40 %", "４０％", "40％", "0.4", "40", "-5%", "1e2%",
    "abc",
  ])
  func probabilityBytesAgreeWithText(_ text: String) {
    let fromBytes = withBytes(text) { ProbabilityParser.parse($0) }
    let fromText = ProbabilityParser.parse(text)
    #expect(fromBytes?.value.bitPattern == fromText?.value.bitPattern, "\(text)")
    #expect(fromBytes?.hasPercent == fromText?.hasPercent, "\(text)")
  }

  @Test(arguments: ["577000.00", "1,200,000.00", "61.23", "0", "1,23,4", "12.345", "¥120万", "abc"])
  func amountBytesAgreeWithText(_ text: String) {
    let fromText = Result { () throws(AmountParser.Failure) in try AmountParser.parse(text) }
    let fromBytes = withBytes(text) { bytes in
      Result { () throws(AmountParser.Failure) in try AmountParser.parse(bytes) }
    }
    switch (fromText, fromBytes) {
    case (.success(let a), .success(let b)):
      #expect(a.cents == b.cents)
      #expect(a.currency == b.currency)
    case (.failure(let a), .failure(let b)):
      #expect(a == b)
    default:
      Issue.record("\(text): text gave \(fromText), bytes gave \(fromBytes)")
    }
  }

  @Test(arguments: [
    "2025-05-08", "2025/5/8", "2025-05-08 13:45:00", "2025-02-30", "8 May 2025", "45876",
  ])
  func dateBytesAgreeWithText(_ text: String) {
    var textEvidence = DateParser.OrderEvidence()
    var byteEvidence = DateParser.OrderEvidence()
    let fromText = DateParser.parse(text, order: .auto, evidence: &textEvidence)
    let fromBytes = withBytes(text) { DateParser.parse($0, order: .auto, evidence: &byteEvidence) }
    #expect(fromText == fromBytes)
  }

  @Test func tabSeparatedFileKeepsEmptyFieldsAndTrimsCommaFields() throws {
    let directory = try TemporaryDirectory()
    let tabs = try directory.write("tabs.tsv", "id\tnote\tstage\n1\t\tWon\n")
    let commas = try directory.write("commas.csv", "id,note\n1, \t padded \t \n")
    var tabRecords: [[String]] = []
    var commaRecords: [[String]] = []
    try CSVReader(path: tabs).forEachRecord { tabRecords.append($0.fields) }
    try CSVReader(path: commas).forEachRecord { commaRecords.append($0.fields) }

    #expect(tabRecords == [["id", "note", "stage"], ["1", "", "Won"]])
    #expect(commaRecords == [["id", "note"], ["1", "padded"]])
  }

  /// The empty-marker test on bytes against the test on text.
  ///
  /// The byte test returns what the text test returns, which folds width
  /// and case through `String`. The cells cover the default markers in several
  /// cases, words that share their first letter, full-width forms and Chinese markers.
  @Test(arguments: [
    "NULL", "null", "Null", "N/A", "n/a", "NA", "na", "#N/A", "-", "--", "?", "无", "空",
    "North", "Negotiate", "N", "N/A2", "NAN", "--3", "ＮＵＬＬ", "Ｎ／Ａ", "无效", "", "我方主导",
    "无", "空",
  ])
  func emptyMarkerBytesMatchText(cell: String) {
    let vocabulary = Vocabulary(configuration: ConfigurationLoader.defaultConfiguration())
    #expect(withBytes(cell) { vocabulary.isEmpty($0) } == vocabulary.isEmpty(cell))
  }

  /// A lookup worked out ahead with `prepare` numbers texts as a plain insert does.
  @Test func preparedLookupsNumberTextsAsPlainInserts() {
    var plain = TextTable()
    var prepared = TextTable()
    let words = (0..<200).map { "OPP-\($0 % 70)" } + ["a-long-identifier-of-forty-bytes-0000001"]
    for word in words {
      let expected = withBytes(word) { plain.insert($0) }
      let found = withBytes(word) { bytes in
        prepared.insert(bytes, lookup: prepared.prepare(bytes))
      }
      #expect(found == expected)
    }
    #expect(prepared.count == 71)
  }

  /// The collector's line-break count against a plain byte loop.
  ///
  /// The count first tests a word at a time for control bytes. The cases:
  /// every length up to 20 with CR, LF or CRLF at each position, plus bytes
  /// just above the control range and non-ASCII bytes that must not count.
  @Test func lineBreakCountMatchesByteLoop() {
    func countByteByByte(_ bytes: [UInt8]) -> Int {
      var count = 0
      for (index, byte) in bytes.enumerated() {
        if byte == 0x0A { count += 1 }
        if byte == 0x0D, index + 1 == bytes.count || bytes[index + 1] != 0x0A { count += 1 }
      }
      return count
    }
    for length in 0...20 {
      var plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
      for position in 0..<length { plain[position] = [0x0E, 0x80, 0xE4, 0xFF][position % 4] }
      #expect(plain.withUnsafeBufferPointer { LineBreaks.count(in: $0) } == 0)
      for position in 0..<length {
        for breaks: [UInt8] in [[0x0A], [0x0D], [0x0D, 0x0A], [0x00]] {
          var bytes = plain
          bytes.replaceSubrange(position..<min(length, position + breaks.count), with: breaks)
          #expect(
            bytes.withUnsafeBufferPointer { LineBreaks.count(in: $0) } == countByteByByte(bytes))
        }
      }
    }
  }

  /// Looking up a list of ids with slots fetched ahead gives what looking
  /// each up alone gives: more ids than the look-ahead distance, ids the
  /// export lacks, and an id whose deal was dropped.
  @Test func idsLookedUpAheadMatchOneByOne() {
    var exportIDs = TextTable()
    for number in 0..<60 { _ = withBytes("OPP-\(number)") { exportIDs.insert($0) } }
    var positions = (0..<60).map { Int32($0) }
    positions[9] = -1
    let index = IDIndex(table: exportIDs, positions: positions)

    var historyIDs = TextTable()
    for number in stride(from: 90, through: 0, by: -3) {
      _ = withBytes("OPP-\(number)") { historyIDs.insert($0) }
    }
    let list = historyIDs.texts()
    var expected: [Int32] = []
    list.forEachText { _, bytes in expected.append(index.deal(bytes) ?? -1) }
    #expect(index.deals(of: list) == expected)
    #expect(expected.contains(-1))
  }
}
