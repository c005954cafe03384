import Testing

@testable import Stagecast

struct EscapingTests {
  @Test func htmlNeutralisesMarkup() {
    #expect(Escaping.html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(
      Escaping.html("\"><img src=x onerror=alert(1)>")
        == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    #expect(Escaping.html("Garage & Car Care") == "Garage &amp; Car Care")
  }

  @Test func controlCharactersNeverReachOutput() {
    #expect(Escaping.html("a\u{1B}]0;pwned\u{07}b") == "a\u{FFFD}]0;pwned\u{FFFD}b")
    #expect(Escaping.markdownCell("x\u{202E}y") == "x\u{FFFD}y")
    #expect(Escaping.csvText("\u{0}z") == "\u{FFFD}z")
    #expect(printable("Validate\u{1B}[2J") == "Validate\\u{1B}[2J")
  }

  @Test func markdownCellCannotEndCell() {
    #expect(Escaping.markdownCell("A|B") == "A\\|B")
    #expect(Escaping.markdownCell("[x](javascript:1)") == "\\[x\\](javascript:1)")
    #expect(Escaping.markdownCell("<b>two\nlines</b>") == "&lt;b&gt;two lines&lt;/b&gt;")
  }

  @Test(arguments: [
    ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("a,b", "\"a,b\""),
    ("plain", "plain"),
  ])
  func csvTextIsInert(_ text: String, _ cell: String) {
    #expect(Escaping.csvText(text) == cell)
  }
}

struct NumberFormattingTests {
  @Test func chineseAmountsInWan() {
    let format = NumberFormatting(language: .zhCN, currency: "CNY")
    #expect(format.amount(12_345_000) == "1,234.50 万元")
    #expect(format.amount(0) == "0.00 万元")
    #expect(format.date(Day(year: 2026, month: 11, day: 30)!) == "2026年11月30日")
    #expect(format.month(Day(year: 2026, month: 11, day: 30)!.monthNumber) == "2026年11月")
  }

  @Test func englishAmountsWithCode() {
    let format = NumberFormatting(language: .en, currency: "CNY")
    #expect(format.amount(12_345_000) == "CNY 12,345,000")
    #expect(format.amount(-1_500.4) == "CNY -1,500")
    #expect(format.rate(0.3846) == "38.5%")
    #expect(format.rate(nil) == "–")
  }

  @Test func machineNumbersRoundTrip() {
    #expect(NumberFormatting.machine(612_000) == "612000")
    #expect(NumberFormatting.machine(0.1) == "0.1")
    #expect(NumberFormatting.machine(nil) == "")
  }
}

struct HostileInputTests {
  /// Names that try to break out of HTML, Markdown and CSV.
  static let export = #"""
    id,name,account,owner,stage,amount,expected_close_on
    X1,<script>alert(1)</script>,"""><img src=x onerror=alert(1)>","=HYPERLINK(""http://evil"")",Validate,100,2026-11-01
    X2,A|B `code` [link](http://x),Acme,+cmd,Approve,200,2026-10-01
    """#

  @Test func reportsEscapeEveryInputString() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("hostile.csv", Self.export)
    let configuration = ConfigurationLoader.defaultConfiguration()
    let job = ReportJob(
      exportPath: path, historyPath: nil, configuration: configuration,
      asOf: Day(year: 2026, month: 11, day: 30)!, language: .en)
    let files = job.render(try job.analyse())
    let html = try #require(files.first { $0.name == "report.html" }).text
    let markdown = try #require(files.first { $0.name == "report.md" }).text
    let overdue = try #require(files.first { $0.name == "overdue.csv" }).text

    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(!markdown.contains("<script"))
    #expect(markdown.contains("A\\|B"))
    #expect(!markdown.contains("A|B"))
    #expect(overdue.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
  }

  @Test func sameInputGivesSameBytes() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("hostile.csv", Self.export)
    let job = ReportJob(
      exportPath: path, historyPath: nil, configuration: ConfigurationLoader.defaultConfiguration(),
      asOf: Day(year: 2026, month: 11, day: 30)!, language: .zhCN)
    let first = job.render(try job.analyse()).map(\.text)
    let second = job.render(try job.analyse()).map(\.text)
    #expect(first == second)
  }
}
