import Glibc
import Testing

@testable import Stagecast

/// The GB18030 decoder at chunk cuts and invalid bytes.
///
/// The decoder gets a file in chunks that may end inside a character.
/// Whatever the cut, the UTF-8 out is glibc's conversion of the whole text
/// at once, and bytes GB18030 does not allow are reported at their offset.
struct IconvDecoderTests {
  /// Chinese text with a character only GB18030 has (U+20BB7, four bytes)
  /// beside two-byte characters and ASCII.
  private let text = "商机编号,客户𠮷,预计签约日期\nOPP-1,华中,2025年5月8日\n"

  /// Converts the text to GB18030 with glibc's iconv, in one call.
  private func gb18030(_ text: String) throws -> [UInt8] {
    let handle = iconv_open("GB18030", "UTF-8")
    try #require(handle != iconv_t(bitPattern: -1))
    defer { iconv_close(handle) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let written = input.withUnsafeMutableBytes { source in
      output.withUnsafeMutableBytes { target -> Int in
        var inPointer = source.baseAddress?.assumingMemoryBound(to: CChar.self)
        var inLeft = source.count
        var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
        var outLeft = target.count
        guard iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return -1 }
        return target.count - outLeft
      }
    }
    try #require(written > 0)
    return Array(output[0..<written])
  }

  @Test func everyCutGivesTheWholeText() throws {
    let bytes = try gb18030(text)
    for cut in 0...bytes.count {
      let decoder = try #require(IconvDecoder(from: "GB18030"))
      var output: [UInt8] = []
      try bytes[0..<cut].withUnsafeBytes { try decoder.decode($0, isLast: false, into: &output) }
      try bytes[cut...].withUnsafeBytes { try decoder.decode($0, isLast: true, into: &output) }
      #expect(String(decoding: output, as: UTF8.self) == text, "cut at \(cut)")
    }
  }

  @Test func invalidByteIsReportedAtItsOffset() throws {
    // 0xFF never starts a GB18030 character; it sits after nine valid bytes.
    let bytes = try gb18030("OPP-1,华中") + [0xFF] + Array(",x\n".utf8)
    let decoder = try #require(IconvDecoder(from: "GB18030"))
    var output: [UInt8] = []
    #expect(throws: IconvDecoder.InvalidInput(byteOffset: 10)) {
      try bytes.withUnsafeBytes { try decoder.decode($0, isLast: true, into: &output) }
    }
  }

  @Test func inputEndingInsideACharacterIsInvalid() throws {
    let bytes = try gb18030("华中")
    let decoder = try #require(IconvDecoder(from: "GB18030"))
    var output: [UInt8] = []
    #expect(throws: IconvDecoder.InvalidInput(byteOffset: 2)) {
      try bytes[0..<3].withUnsafeBytes { try decoder.decode($0, isLast: true, into: &output) }
    }
  }

  /// The two-byte table against iconv alone, at every cut.
  ///
  /// The text has ASCII, two-byte and four-byte characters, and each cut
  /// splits it into three chunks. The broken copies carry bytes GB18030
  /// does not allow (0x80, 0xFF, a lead byte before a comma), and both
  /// paths must fail at the same offset.
  @Test func tableAgreesWithIconvAlone() throws {
    let text = try gb18030("id,名称𠮷,日期\nOPP-1,华中区域,2025年5月8日,𠮷𠮷\n")
    let broken = [
      text + [0x80] + text, text + [0xFF, 0x41], text + [0xB0, 0x2C] + text, Array(text.prefix(5)),
    ]
    for bytes in [text] + broken {
      for cut in 0...bytes.count {
        let second = min(bytes.count, cut + 3)
        let pieces = [bytes[0..<cut], bytes[cut..<second], bytes[second...]]
        #expect(decode(pieces, table: true) == decode(pieces, table: false), "cut at \(cut)")
      }
    }
  }

  /// Decodes `pieces` as consecutive chunks: the UTF-8 out, or the offset of the failure.
  private func decode(_ pieces: [ArraySlice<UInt8>], table: Bool) -> Result<[UInt8], Failure> {
    guard let decoder = IconvDecoder(from: "GB18030", usesTwoByteTable: table) else {
      return .failure(Failure(offset: -1))
    }
    var output: [UInt8] = []
    do {
      for (index, piece) in pieces.enumerated() {
        try piece.withUnsafeBytes {
          try decoder.decode($0, isLast: index == pieces.count - 1, into: &output)
        }
      }
    } catch let error as IconvDecoder.InvalidInput {
      return .failure(Failure(offset: error.byteOffset))
    } catch {
      return .failure(Failure(offset: -2))
    }
    return .success(output)
  }

  private struct Failure: Error, Equatable {
    var offset: Int
  }
}
