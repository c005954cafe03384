import Testing

@testable import Stagecast

/// Names and accounts kept in shared blocks read back as the cells held them.
struct SharedTextTests {
  private func text(_ string: String, with writer: inout SharedTextWriter) -> SharedText {
    var string = string
    return string.withUTF8 { writer.text($0) }
  }

  /// Texts that fill a small first block exactly, then ones that overflow it
  /// into a standard block, then one longer than a standard block, which gets
  /// a block of its own: every text keeps its bytes after the writer moves on.
  @Test func textsReadBackAcrossBlockEnds() {
    var writer = SharedTextWriter(blockCapacity: 8)
    let oversized = String(repeating: "x", count: SharedTextWriter.standardBlockCapacity + 1)
    let strings = [
      "abcd", "efgh", "ij", "客户44498", "", "a name of more than eight bytes", oversized, "k",
    ]
    let texts = strings.map { text($0, with: &writer) }
    #expect(texts.map(\.string) == strings)
  }

  @Test func manyTextsFromTheStandardWriter() {
    var writer = SharedTextWriter()
    let strings = (0..<100_000).map { "Account \($0) - IoT Gateway pilot \($0 % 7)" }
    let texts = strings.map { text($0, with: &writer) }
    #expect(texts.map(\.string) == strings)
  }

  @Test func dealNameAndAccountReadBackAsSet() {
    var deal = Opportunity(id: "A", line: 2, status: .open, stageIndex: nil, ledByPartner: false)
    #expect(deal.name == nil)
    #expect(deal.account == nil)

    deal.name = "华东区 2026 年智能助手项目"
    deal.account = ""
    #expect(deal.name == "华东区 2026 年智能助手项目")
    #expect(deal.account == "")

    deal.name = nil
    #expect(deal.name == nil)
  }

  /// Texts stay readable once their writer is gone, as deals outlive the
  /// builder that imported them.
  @Test func textOutlivesItsWriter() {
    var texts: [SharedText] = []
    do {
      var writer = SharedTextWriter(blockCapacity: 16)
      texts = ["first", "second", "third"].map { text($0, with: &writer) }
    }
    #expect(texts.map(\.string) == ["first", "second", "third"])
  }
}
