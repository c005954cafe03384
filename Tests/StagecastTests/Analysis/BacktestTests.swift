import Testing

@testable import Stagecast

struct BacktestTests {
  private func day(_ text: String) throws -> Day { try #require(Day(iso: text)) }

  @Test func replaysAreTheMonthEndsOfTheSpan() throws {
    // By hand: 2026-01-15 to 2026-04-29 contains the ends of January, February
    // and March; April ends after 04-29.
    #expect(
      Backtest.monthEnds(from: try day("2026-01-15"), to: try day("2026-04-29")).map(\.isoString)
        == ["2026-01-31", "2026-02-28", "2026-03-31"])

    // As of a month-end the last replay is the month before: its next month
    // (November) has ended. As of 2026-11-29 November has not, so October's
    // next month is the last one known.
    let atMonthEnd = Backtest.window(asOf: try day("2026-11-30"), from: nil, to: nil)
    #expect(atMonthEnd.from.isoString == "2025-11-30")
    #expect(atMonthEnd.to.isoString == "2026-10-31")
    let midMonth = Backtest.window(asOf: try day("2026-11-29"), from: nil, to: nil)
    #expect(midMonth.to.isoString == "2026-09-30")
  }

  @Test func accuracyAveragesRelativeErrorsOverMonthsWithAnOutcome() {
    // By hand: |110 − 100| / 100 = 0.10 and |45 − 50| / 50 = 0.10, so MAPE
    // 0.10; signed, +0.10 and −0.10, so bias 0. The month that won nothing
    // has no relative error and is skipped.
    let accuracy = BacktestAccuracy(forecasts: [110, 45, 30], actuals: [100, 50, 0])
    #expect(accuracy.scoredPeriods == 2)
    expectClose(accuracy.mape, 0.10, "MAPE")
    expectClose(accuracy.bias, 0, "bias")
  }

  @Test func brierAndReliabilityCountEachDealForecast() {
    var score = ProbabilityScore()
    score.add(probability: 0.6, won: true)
    score.add(probability: 0.65, won: false)
    score.add(probability: 1.0, won: true)

    // By hand: (0.6 − 1)² = 0.16, (0.65 − 0)² = 0.4225, (1 − 1)² = 0;
    // mean 0.5825 / 3.
    expectClose(score.brier, 0.5825 / 3, "Brier")
    #expect(score.bins[6].deals == 2)
    #expect(score.bins[6].won == 1)
    expectClose(score.bins[6].meanProbability, 0.625, "mean p of 60–70 %")
    #expect(score.bins[9].deals == 1)
  }

  /// A world small enough to follow by hand.
  ///
  /// Four deals closed in June 2025 set p̂ of stage 1: two won, two lost
  /// there. Deal A, open from January, is won on 2026-03-10; deal B, open
  /// from March, is won on 2026-04-25.
  @Test func replayWeightsDealsByTheTimingEarlierMonthsShowed() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      W1,Li,50,Closed Won,C,2025-05-01,2025-06-10,2025-06-10,
      W2,Li,50,Closed Won,C,2025-05-01,2025-06-10,2025-06-10,
      L1,Li,50,Closed Lost,C,2025-05-01,2025-06-12,2025-06-12,validate
      L2,Li,50,Closed Lost,C,2025-05-01,2025-06-12,2025-06-12,validate
      A,Li,100,Closed Won,C,2026-01-05,2026-03-15,2026-03-10,
      B,Li,200,Closed Won,C,2026-03-01,2026-04-20,2026-04-25,

      """)
    let history = try directory.write(
      "history.csv",
      """
      opportunity_id,stage,entered_on
      A,validate,2026-01-05
      B,validate,2026-03-01

      """)
    let configuration = try ConfigurationLoader.load(userJSON: nil, file: "default")
    let job = ReportJob(
      exportPath: export, historyPath: history, configuration: configuration,
      asOf: try day("2026-06-30"), language: .en)
    let backtest = try job.backtest(replays: [try day("2026-03-31")]).backtest
    let next = try #require(backtest.months.first)

    // With every deal of grade C, grade, track and overall rates are one set
    // and p̂ = won ÷ resolved of stage 1. On 2026-03-31: W1, W2 and A won,
    // L1 and L2 lost, so p̂ = 3 / 5 = 0.6 for B.
    #expect(next.openDeals == 1)
    expectClose(next.lineForecast, 200 * 0.6, "B's expected value")
    // Stage 1's configured probability is 0.10.
    expectClose(next.baseline, 200 * 0.10, "configured weighting")

    // Timing scenarios are the six month-ends before March. On 2026-02-28 A
    // was open in the March line (line 2) with p̂ = 2 / 4 and won in March:
    // rate 100 ÷ (100 × 0.5) = 2. On 2026-01-31 A sat in the March line two
    // months out (line 3), and line 2 was empty: rate 0. The four earlier
    // month-ends had no open deal. No deal was created and won inside one
    // of those windows. So B's chance is min(1, 0.6 × 2) = 1 in one scenario
    // of six and 0 in five: forecast 200 / 6.
    expectClose(next.forecast, 200.0 / 6, "timing-weighted forecast")
    expectClose(next.newDeals, 0, "new deals")

    // The first sixth of the 10,000 runs (0 ..< 1,666) win B, the rest do
    // not: P10 and P50 are 0, and P90, rank 9,000 of the sorted totals, is 200.
    #expect(next.p10 == 0)
    #expect(next.p50 == 0)
    #expect(next.p90 == 200)

    // April's outcome: B, won on 2026-04-25, open on the replay date.
    expectClose(next.actual, 200, "won in April")
    expectClose(next.actualFromPipeline, 200, "won by open deals")
    #expect(next.isComplete)
    #expect(next.rangeHeld)

    // B is the one deal forecast on the replay date and since closed.
    #expect(backtest.measuredScore.scoredDeals == 1)
    expectClose(backtest.measuredScore.brier, 0.16, "Brier of p̂ 0.6 for a win")
    expectClose(backtest.baselineScore.brier, 0.81, "Brier of 0.1 for a win")
  }
}

struct ArchiveBacktestTests {
  private func deal(
    _ id: String, status: DealStatus, stage: Int?, close: String, closed: String? = nil
  ) -> Opportunity {
    var deal = Opportunity(
      id: id, line: 2, status: status, stageIndex: stage, ledByPartner: false)
    deal.amountCents = 10_000
    deal.recordedGrade = .c
    deal.createdOn = Day(iso: "2025-06-01")
    deal.expectedCloseOn = Day(iso: close)
    deal.closedOn = closed.flatMap(Day.init(iso:))
    if status == .lost { deal.lostAtStage = 1 }
    return deal
  }

  /// Replays a slipped deal at the date it had then.
  ///
  /// Deal X was due in March when February ended; it slipped, and the newest
  /// export shows April. Only the archived export replays March.
  @Test func archivedExportReplaysTheCloseDateOfItsTime() throws {
    let history = [
      deal("W", status: .won, stage: nil, close: "2025-09-01", closed: "2025-09-01"),
      deal("L", status: .lost, stage: nil, close: "2025-09-01", closed: "2025-09-02"),
    ]
    let newest =
      history + [deal("X", status: .won, stage: nil, close: "2026-04-15", closed: "2026-04-20")]
    let february = try #require(Day(iso: "2026-02-28"))
    let archived = history + [deal("X", status: .open, stage: 1, close: "2026-03-15")]
    let configuration = ConfigurationLoader.defaultConfiguration()

    let fromNewest = Backtest.run(
      opportunities: newest, history: nil, replays: [february],
      dataAsOf: try #require(Day(iso: "2026-06-30")), configuration: configuration)
    let fromArchive = Backtest.run(
      opportunities: newest, history: nil, replays: [february],
      dataAsOf: try #require(Day(iso: "2026-06-30")), configuration: configuration,
      archive: [february: archived])

    // By hand: W won and L lost from stage 1, so p̂ = 1/2 for X (both grade C).
    // From the newest export X is due in April, not in March's line.
    #expect(fromNewest.months[0].lineForecast == 0)
    // The archived export has X due in March: 100 × 1/2 on the line.
    #expect(fromArchive.months[0].lineForecast == 50)
    #expect(fromArchive.months[0].openDeals == 1)
    // X was won in April: March's outcome is 0 either way, April's window
    // (the three months) contains its 100.
    #expect(fromArchive.months[0].actual == 0)
    #expect(fromArchive.quarters[0].actual == 100)
    #expect(fromArchive.quarters[0].actualFromPipeline == 100)
  }
}
