import Testing

@testable import Stagecast

struct QuarterTests {
  /// As of 2026-11-15 the quarter is October to December, and its open
  /// months are November and December.
  @Test func quarterLandingAddsWonSoFarAndTheRestOfTheQuarter() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      W1,Li,100,Closed Won,C,2026-08-01,2026-10-05,2026-10-05,
      W2,Li,50,Closed Won,C,2026-08-01,2026-11-02,2026-11-02,
      L1,Li,10,Closed Lost,C,2026-08-01,2026-09-01,2026-09-01,validate
      L2,Li,10,Closed Lost,C,2026-08-01,2026-09-01,2026-09-01,validate
      NOV,Li,200,validate,C,2026-10-01,2026-11-20,,
      DEC,Li,300,validate,C,2026-10-01,2026-12-10,,
      JAN,Li,400,validate,C,2026-10-01,2027-01-05,,
      LATE,Li,500,validate,C,2026-10-01,2026-11-01,,

      """)
    let analysis = try importAndAnalyse(export, asOf: "2026-11-15")
    let forecast = analysis.forecast

    // Worked out by hand. Every deal is grade C, so p̂ of stage 1 is won ÷
    // resolved there: W1 and W2 won, L1 and L2 lost at stage 1, 2 / 4 = 0.5.
    #expect(forecast.quarterMonths == 24_322...24_323)
    expectClose(forecast.quarterWonSoFar, 150, "W1 (October) and W2 (November)")
    // NOV and DEC fall in the quarter; JAN is next quarter, LATE is overdue.
    expectClose(forecast.quarterExpected, 200 * 0.5 + 300 * 0.5, "quarter expected value")
    expectClose(forecast.quarterLanding, 400, "won so far plus expected")

    // The simulated quarter: NOV and DEC each win half the runs, so about a
    // quarter of the runs win nothing and a quarter win both (500). Rank
    // 1,000 of 10,000 lies among the zeros and rank 9,000 among the 500s.
    let quarter = analysis.range.quarter
    #expect(quarter.deals == 2)
    expectClose(quarter.expected, 250, "simulated deals' expected value")
    #expect(quarter.p10 == 0)
    #expect(quarter.p90 == 500)
    #expect(Day.quarterLabel(forecast.asOfMonth) == "2026-Q4")
  }
}
