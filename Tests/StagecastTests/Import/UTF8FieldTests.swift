import Testing

@testable import Stagecast

/// The collector's check that a field with bytes above 0x7F is UTF-8.
struct UTF8FieldTests {
  private func invalidOffset(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { UTF8Field.invalidOffset($0) }
  }

  private func isValid(_ bytes: [UInt8]) -> Bool {
    invalidOffset(bytes) == nil
  }

  @Test func acceptsChineseSymbolsAndEmoji() {
    #expect(isValid(Array("商机 ¥120万 䶮 😀 plain ASCII".utf8)))
    #expect(isValid([]))
  }

  /// Each case breaks one RFC 3629 rule; the offset is where its sequence starts.
  @Test(
    arguments: [
      ([0x61, 0x80], 1),  // a lone continuation byte
      ([0xC0, 0xAF], 0),  // an overlong two-byte form
      ([0x61, 0xE0, 0x80, 0xAF], 1),  // an overlong three-byte form
      ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0xE5, 0x41], 0),  // a sequence cut by ASCII
      ([0x61, 0x62, 0xE5, 0x95], 2),  // a sequence cut by the field's end
      ([0xE5, 0x95, 0x86, 0xFF], 3),  // a byte UTF-8 never uses, after 商
    ] as [([UInt8], Int)])
  func rejectsInvalidBytes(_ bytes: [UInt8], _ offset: Int) {
    #expect(invalidOffset(bytes) == offset)
  }

  /// Every lead byte from C0 to FF with continuation bytes at and around
  /// the edges of their ranges, cut short or complete, against the standard
  /// library's validation.
  @Test func matchesStandardLibrary() {
    let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
    var checked = 0
    for lead in UInt8(0xC0)...0xFF {
      for second in edges {
        for third in edges {
          for tail in [[], [0x80], [0x80, 0x7A]] as [[UInt8]] {
            let bytes: [UInt8] = [0x61, lead, second, third] + tail
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(isValid(bytes) == expected, "\(bytes)")
            checked += 1
          }
        }
      }
    }
    #expect(checked == 64 * 11 * 11 * 3)
  }
}
