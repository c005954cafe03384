import Testing

@testable import Stagecast

struct DateParserTests {
  private func parse(_ text: String, order: DateOrder = .auto) -> DateParser.Result {
    var evidence = DateParser.OrderEvidence()
    return DateParser.parse(text, order: order, evidence: &evidence)
  }

  private func day(_ iso: String) throws -> DateParser.Result {
    .day(try #require(Day(iso: iso)))
  }

  @Test(arguments: [
    ("2025-05-08", "2025-05-08"),
    ("2025-05-08 13:00:00", "2025-05-08"),
    ("2025-05-08T13:00:00Z", "2025-05-08"),
    ("2025/5/8", "2025-05-08"),
    ("2025/3/2 10:20", "2025-03-02"),
    ("2025.5.8", "2025-05-08"),
    ("2025年5月8日", "2025-05-08"),
    ("28.09.2025", "2025-09-28"),
    ("8/30/2025", "2025-08-30"),
    ("30/8/2025", "2025-08-30"),
    ("Jan 1, 2006 12:00:00.0 AM", "2006-01-01"),
    ("Apr 10, 2007 12:00:00.0 AM", "2007-04-10"),
    ("8 May 2025", "2025-05-08"),
    ("September 3, 2025", "2025-09-03"),
    ("20250508", "2025-05-08"),
    ("２０２５/５/８", "2025-05-08"),
    // Excel serials, checked with Python: date(1899, 12, 30) + timedelta(days=n).
    ("45876", "2025-08-07"),
    ("45658.75", "2025-01-01"),
  ])
  func dateReadsExportFormats(_ text: String, _ iso: String) throws {
    #expect(parse(text) == (try day(iso)))
  }

  @Test(arguments: ["2025-02-30", "2025/13/1", "31/31/2025", "2026-11", "soon", "12345", "45876.x"])
  func dateRejectsImpossibleOrUnknown(_ text: String) {
    #expect(parse(text) == .invalid)
  }

  /// The table path for `YYYY-MM-DD` and `YYYY/M/D` cells against the
  /// calendar arithmetic of the text path.
  ///
  /// Every month number from 0 to 13 and day number from 0 to 32 is tried,
  /// with and without a leading zero. The years sit at and around the
  /// table's ends and cross the leap rules.
  @Test func isoDayTableMatchesCalendar() {
    var checked = 0
    for year in [1899, 1900, 1904, 1999, 2000, 2024, 2025, 2100, 2155, 2156] {
      for month in 0...13 {
        for day in 0...32 {
          for (separator, width) in [("-", 2), ("/", 2), ("-", 1), ("/", 1)] {
            let text =
              String(format: "%04d", year) + separator + String(format: "%0\(width)d", month)
              + separator + String(format: "%0\(width)d", day)
            var evidence = DateParser.OrderEvidence()
            let fromText = DateParser.parse(text, order: .auto, evidence: &evidence)
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer {
              DateParser.parse($0, order: .auto, evidence: &evidence)
            }
            #expect(fromBytes == fromText, "\(text)")
            checked += 1
          }
        }
      }
    }
    #expect(checked == 10 * 14 * 33 * 4)
  }

  @Test(arguments: [
    "2025-05-0x", "2025-5-008", "20a5-05-08", "2025-05/08", "2025-05-08 ", "2025/5/", "2025/123/4",
    "2025/5-8", "2025//58", "2025/5/8x",
  ])
  func isoDayTableSkipsOtherForms(_ text: String) {
    var evidence = DateParser.OrderEvidence()
    let fromText = DateParser.parse(text, order: .auto, evidence: &evidence)
    let fromBytes = Array(text.utf8).withUnsafeBufferPointer {
      DateParser.parse($0, order: .auto, evidence: &evidence)
    }
    #expect(fromBytes == fromText)
  }

  @Test func dateLeavesAmbiguousSlashDatesToColumn() {
    #expect(parse("5/8/2025") == .ambiguous(first: 5, second: 8, year: 2025))
    #expect(parse("5/8/2025", order: .dmy) == .day(Day(year: 2025, month: 8, day: 5)!))
    #expect(parse("5/8/2025", order: .mdy) == .day(Day(year: 2025, month: 5, day: 8)!))
  }

  @Test func dateEvidenceDecidesColumnOrder() {
    var evidence = DateParser.OrderEvidence()
    _ = DateParser.parse("30/8/2025", order: .auto, evidence: &evidence)
    #expect(evidence.order(default: .mdy) == .dmy)
    _ = DateParser.parse("8/30/2025", order: .auto, evidence: &evidence)
    // Contradicting values leave the fallback in force.
    #expect(evidence.order(default: .mdy) == .mdy)
  }

  @Test func dayMonthArithmeticClampsToMonthEnd() throws {
    let day = try #require(Day(iso: "2026-03-31"))
    #expect(day.subtractingMonths(1).isoString == "2026-02-28")
    #expect(day.subtractingMonths(24).isoString == "2024-03-31")
    #expect(try #require(Day(iso: "2026-11-30")).subtractingMonths(24).isoString == "2024-11-30")
    #expect(try #require(Day(iso: "2024-02-29")).subtractingMonths(12).isoString == "2023-02-28")
  }

  /// Day numbers match the Unix epoch: 2026-11-30 is day 20,787 (worked out with Python's date.toordinal).
  @Test func dayNumbersMatchEpoch() throws {
    #expect(try #require(Day(iso: "1970-01-01")).daysSinceEpoch == 0)
    #expect(try #require(Day(iso: "2026-11-30")).daysSinceEpoch == 20_787)
    #expect(Day(daysSinceEpoch: 20_787).isoString == "2026-11-30")
    #expect(Day(daysSinceEpoch: -1).isoString == "1969-12-31")
  }

  @Test func dateContradictingConfiguredOrderIsInvalid() {
    #expect(parse("05/25/2025", order: .dmy) == .invalid)
    #expect(parse("25/05/2025", order: .mdy) == .invalid)
    #expect(parse("25/05/2025", order: .dmy) == .day(Day(year: 2025, month: 5, day: 25)!))
  }
}
