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

  /// The text in GB18030, converted by glibc's iconv in one call.
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
}
