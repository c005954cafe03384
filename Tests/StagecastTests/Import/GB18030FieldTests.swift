import Glibc
import Testing

@testable import Stagecast

/// GB18030 decoded field by field against the whole file decoded before
/// parsing.
///
/// libcsv reads GB18030 bytes as they are and the collector decodes each
/// field. Whatever the file holds, the records, their lines and the
/// failures must be those of decoding the file first, the path UTF-16 and
/// the tests of the decoder pin down.
struct GB18030FieldTests {
  private func read(_ path: String, byField: Bool, ahead: Bool = false) -> ReadOutcome {
    ReadOutcome.read(
      { try CSVReader(path: path, encoding: .gb18030, decodesFieldsOfGB18030: byField) },
      ahead: ahead)
  }

  /// Returns the GB18030 bytes of `text`, from glibc's iconv.
  private func gb18030(_ text: String) throws -> [UInt8] {
    let handle = try #require(iconv_open("GB18030", "UTF-8"))
    try #require(handle != iconv_t(bitPattern: -1))
    defer { iconv_close(handle) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let written = input.withUnsafeMutableBytes { source in
      output.withUnsafeMutableBytes { target in
        var inPointer = source.baseAddress?.assumingMemoryBound(to: CChar.self)
        var inLeft = source.count
        var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
        var outLeft = target.count
        let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
        return result == -1 ? -1 : target.count - outLeft
      }
    }
    try #require(written >= 0)
    return Array(output[0..<written])
  }

  /// Returns Chinese and ASCII text in every kind of field.
  ///
  /// 𠀀 (U+20000) is a four-byte character that goes to iconv, and 䶮 a
  /// two-byte one only GB18030 maps. The ideographic space pads cells.
  /// Quoted fields hold line breaks, commas and doubled quotes, and one
  /// cell is longer than 64 bytes.
  private func mixedText() -> String {
    var text = "编号,名称,客户,金额\n"
    text += "1,客户44498 2024年物联网网关试点项目,华中,57.70\n"
    text += "2,\u{3000}赢单\u{3000},\"多行\n备注，含\"\"引号\"\"\",1\n"
    text += "3,𠀀 and 䶮,\"a, b\",2\r\n"
    text += "4,\(String(repeating: "智能助手项目", count: 12)),x,3\n"
    text += "\n5,,  空格  ,\n"
    return text
  }

  @Test func mixedFieldsReadAlike() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("mixed.csv", bytes: try gb18030(mixedText()))
    let whole = read(path, byField: false)
    #expect(whole.failure == "")
    #expect(whole.records.count == 6)
    #expect(whole.records[2] == ["2", "赢单", "多行\n备注，含\"引号\"", "1"])
    #expect(whole.records[3][1] == "𠀀 and 䶮")
    #expect(read(path, byField: true) == whole)
  }

  /// Large enough to cross the reader's chunks and the tokenizer's slices,
  /// with fields cut by each chunk's end, read on one thread and ahead.
  @Test func largeFileReadsAlike() throws {
    let directory = try TemporaryDirectory()
    var text = "编号,名称,阶段\n"
    for row in 1...40_000 {
      text += "\(row),客户\(row) 项目𠀀,\(row % 5 == 0 ? "\"验证\n商机\"" : "谈判签约")\n"
    }
    let path = try directory.write("large.csv", bytes: try gb18030(text))
    let whole = read(path, byField: false)
    #expect(whole.failure == "")
    #expect(whole.records.count == 40_001)
    #expect(read(path, byField: true) == whole)
    #expect(read(path, byField: true, ahead: true) == whole)
  }

  /// Bytes that are not GB18030 stop both paths with an invalid-encoding error.
  ///
  /// The bytes are a lead byte before a space, a lead byte cut by the
  /// delimiter, and a lone 0xFF. They come after the first chunk, which the
  /// reader decodes whole to detect the format. Field by field, the error
  /// names the line.
  @Test(arguments: [[0x81, 0x20], [0xC9, 0x2C], [0xFF]])
  func invalidBytesFailAlike(_ bad: [UInt8]) throws {
    let directory = try TemporaryDirectory()
    // 100,000 rows of about 16 bytes: past the 1 MiB first chunk.
    var text = "a,b\n"
    for row in 1...100_000 { text += "\(row),商机\(row)\n" }
    let bytes = try gb18030(text + "x,") + bad + Array(",x\ny,z\n".utf8)
    let path = try directory.write("bad.csv", bytes: bytes)

    let whole = read(path, byField: false)
    let byField = read(path, byField: true)
    #expect(whole.failure.contains("invalidEncoding"))
    #expect(byField.failure.contains("invalidEncoding"))
    // The header, 100,000 rows, then the bad row.
    #expect(byField.failure.contains("line: 100002"))
  }

  /// The error names the line that contains the bad bytes, not the line
  /// where their quoted field starts.
  @Test func invalidBytesInMultilineFieldNameTheirLine() throws {
    let directory = try TemporaryDirectory()
    var text = "a,b\n"
    for row in 1...100_000 { text += "\(row),商机\(row)\n" }
    let bytes = try gb18030(text + "x,\"one\ntwo\nthree ") + [0xFF] + Array("\"\ny,z\n".utf8)
    let path = try directory.write("bad.csv", bytes: bytes)

    // The field starts on line 100,002; the bad byte is two lines later.
    #expect(read(path, byField: true).failure.contains("line: 100004"))
  }
}
