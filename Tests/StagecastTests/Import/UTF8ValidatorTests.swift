import Testing

@testable import Stagecast

struct UTF8ValidatorTests {
  private func check(_ chunks: [[UInt8]]) -> (offset: Int?, chunk: Int?, complete: Bool) {
    var validator = UTF8Validator()
    for (index, chunk) in chunks.enumerated() {
      if let offset = chunk.withUnsafeBytes({ validator.firstInvalidOffset(in: $0) }) {
        return (offset, index, false)
      }
    }
    return (nil, nil, validator.isComplete)
  }

  @Test func acceptsTextAndSequencesAcrossChunks() {
    let text = Array("商机 ¥120万 䶮 😀 plain ASCII long enough for the fast path".utf8)
    #expect(check([text]).complete)
    // 商 is E5 95 86: split after its first byte.
    let split = Array("a商b".utf8)
    #expect(check([Array(split[0..<2]), Array(split[2...])]).complete)
  }

  /// Each case breaks one RFC 3629 rule at a known offset.
  @Test(
    arguments: [
      ([0x61, 0x80], 1),  // a lone continuation byte
      ([0xC0, 0xAF], 0),  // an overlong two-byte form
      ([0xE0, 0x80, 0xAF], 1),  // an overlong three-byte form
      ([0xED, 0xA0, 0x80], 1),  // a UTF-16 surrogate
      ([0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
      ([0xE5, 0x41], 1),  // a sequence cut by ASCII
    ] as [([UInt8], Int)])
  func rejectsInvalidBytes(_ bytes: [UInt8], _ offset: Int) {
    #expect(check([bytes]).offset == offset)
  }

  @Test func reportsSequenceCutAtEnd() {
    #expect(!check([[0x61, 0xE5, 0x95]]).complete)
  }
}
