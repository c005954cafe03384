import Foundation
import Testing

@testable import Stagecast

struct CSVReaderTests {
  /// The vector count of LF bytes against a byte-by-byte count: random
  /// bytes of every length below 64, and runs of LFs as long as or longer
  /// than the 255 sixteen-byte steps after which the lanes are added up.
  @Test func lineFeedCountMatchesByteCount() {
    var generator = SystemRandomNumberGenerator()
    var inputs: [[UInt8]] = (0..<64).map { length in
      (0..<length).map { _ in [0x0A, 0x0D, 0x41, 0xE4][Int.random(in: 0..<4, using: &generator)] }
    }
    inputs.append([UInt8](repeating: 0x0A, count: 255 * 16))
    inputs.append([UInt8](repeating: 0x0A, count: 255 * 16 + 17))
    inputs.append([UInt8](repeating: 0x0A, count: 10_000) + [0x41])

    for bytes in inputs {
      let expected = bytes.filter { $0 == 0x0A }.count
      let counted = bytes.withUnsafeBytes { CSVReader.countLineFeeds($0) }
      #expect(counted == expected, "\(bytes.count) bytes")
    }
  }

  private func records(_ path: String) throws -> (records: [CSVRecord], reader: CSVReader) {
    let reader = try CSVReader(path: path)
    var records: [CSVRecord] = []
    try reader.forEachRecord { records.append($0) }
    return (records, reader)
  }

  @Test func readerCountsPhysicalLinesAcrossQuotedBreaks() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(
      "notes.csv",
      "id,note\r\n1,plain\r\n2,\"two\nlines\"\r\n\r\n3,\"a \"\"quoted\"\" word\"\r\n4,last")
    let (records, _) = try records(path)

    #expect(records.map(\.line) == [1, 2, 3, 6, 7])
    #expect(records[2].fields == ["2", "two\nlines"])
    #expect(records[2].lastLine == 4)
    #expect(records[3].fields == ["3", "a \"quoted\" word"])
    #expect(records[4].fields == ["4", "last"])
  }

  @Test func readerReportsUnterminatedQuoteAtItsLine() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("bad.csv", "id,note\n1,ok\n2,\"never closes\n3,fine\n")
    let (records, reader) = try records(path)

    #expect(records.count == 2)
    #expect(reader.unreadable.count == 1)
    #expect(reader.unreadable.first?.reason == .unterminatedQuote(startLine: 3, lastLine: 4))
  }

  @Test func readerStripsBOMBeforeTokenizing() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(
      "bom.csv",
      bytes: [0xEF, 0xBB, 0xBF] + Array("\"Opportunity ID\",\"Stage\"\n\"1\",\"Won\"\n".utf8))
    let (records, reader) = try records(path)

    #expect(reader.format.encoding == .utf8BOM)
    #expect(records[0].fields == ["Opportunity ID", "Stage"])
    #expect(!records[0].fields[0].unicodeScalars.contains("\u{FEFF}"))
  }

  @Test(arguments: [
    ("a;b;c\n1;2;3\n", UInt8(ascii: ";")), ("a\tb\tc\n1\t\t3\n", 0x09),
    ("a,b\n1,2\n", UInt8(ascii: ",")),
  ])
  func readerDetectsDelimiter(_ text: String, _ delimiter: UInt8) throws {
    let directory = try TemporaryDirectory()
    let (records, reader) = try records(try directory.write("d.csv", text))
    #expect(reader.format.delimiter == delimiter)
    #expect(records[1].fields.count == records[0].fields.count)
  }

  @Test func readerKeepsEmptyTabFields() throws {
    let directory = try TemporaryDirectory()
    let (records, _) = try records(try directory.write("t.tsv", "a\tb\tc\n1\t\t3\n"))
    #expect(records[1].fields == ["1", "", "3"])
  }

  @Test func readerTrimsPaddingAndFullWidthSpace() throws {
    let directory = try TemporaryDirectory()
    let (records, _) = try records(
      try directory.write("p.csv", "a;b\n  O     ;\u{3000}赢单\u{3000}\n"))
    #expect(records[1].fields == ["O", "赢单"])
  }

  @Test func readerDecodesGB18030AndUTF16() throws {
    let directory = try TemporaryDirectory()
    // 商机 in GB18030 is C9 CC BB FA; 䶮 (U+4DAE) is FE 9F, which only GB18030 maps.
    let gb = try directory.write(
      "gb.csv", bytes: Array("a,b\n".utf8) + [0xC9, 0xCC, 0xBB, 0xFA, 0x2C, 0xFE, 0x9F, 0x0A])
    let (gbRecords, gbReader) = try records(gb)
    #expect(gbReader.format.encoding == .gb18030)
    #expect(gbRecords[1].fields == ["商机", "䶮"])

    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in "id\t阶段\n1\t赢单\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let (utf16Records, utf16Reader) = try records(try directory.write("u16.txt", bytes: utf16))
    #expect(utf16Reader.format.encoding == .utf16LE)
    #expect(utf16Reader.format.delimiter == 0x09)
    #expect(utf16Records[1].fields == ["1", "赢单"])
  }

  @Test func readerDetectsUTF16WithoutBOM() throws {
    let directory = try TemporaryDirectory()
    var bytes: [UInt8] = []
    for unit in "id,stage\n1,Won\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let (records, reader) = try records(try directory.write("u16.csv", bytes: bytes))
    #expect(reader.format.encoding == .utf16LE)
    #expect(records[1].fields == ["1", "Won"])
  }

  @Test func readerReadsClosedQuoteAtEndWithoutNewline() throws {
    let directory = try TemporaryDirectory()
    let (records, reader) = try records(try directory.write("q.csv", "a,b\n1,\"x, y\""))
    #expect(reader.unreadable.isEmpty)
    #expect(records[1].fields == ["1", "x, y"])
  }

  @Test func readerRejectsInvalidUTF8PastFirstChunk() throws {
    let directory = try TemporaryDirectory()
    // 200,000 valid rows (1.4 MB) make the encoding detection see UTF-8;
    // the stray byte sits on line 200,002 (header + rows + 1).
    var bytes = Array("a,b\n".utf8)
    bytes.reserveCapacity(1_500_000)
    for _ in 0..<200_000 { bytes += Array("1,abcd\n".utf8) }
    bytes += [0x33, 0x2C, 0x80, 0x0A]
    let path = try directory.write("mixed.csv", bytes: bytes)

    #expect(throws: ImportError.invalidEncoding(file: path, line: 200_002, encoding: "utf-8")) {
      try records(path)
    }
  }

  /// A bad byte on the third line of a quoted field, past the first chunk:
  /// the error names its own line, not the field's first.
  @Test func readerNamesTheLineOfInvalidUTF8InMultilineField() throws {
    let directory = try TemporaryDirectory()
    var bytes = Array("a,b\n".utf8)
    for _ in 0..<200_000 { bytes += Array("1,abcd\n".utf8) }
    bytes += Array("3,\"one\ntwo\nthree ".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8)
    let path = try directory.write("mixed.csv", bytes: bytes)

    #expect(throws: ImportError.invalidEncoding(file: path, line: 200_004, encoding: "utf-8")) {
      try records(path)
    }
  }

  @Test func readerFailsOnMissingFile() {
    #expect(throws: ImportError.fileNotFound(file: "/nonexistent/x.csv")) {
      try CSVReader(path: "/nonexistent/x.csv")
    }
  }
}
