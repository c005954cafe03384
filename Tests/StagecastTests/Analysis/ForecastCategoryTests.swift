import Testing

@testable import Stagecast

struct ForecastCategoryTests {
  @Test func bucketsAndCumulativeLinesPerPeriod() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,Forecast Category
      W1,Li,50,Closed Won,C,2026-08-01,2026-11-02,2026-11-02,Closed
      A,Li,200,validate,C,2026-10-01,2026-11-20,,Commit
      B,Li,100,validate,C,2026-10-01,2026-11-21,,Best Case
      C,Li,300,validate,C,2026-10-01,2026-11-22,,Pipeline
      D,Li,400,validate,C,2026-10-01,2026-11-23,,Omitted
      E,Li,500,validate,C,2026-10-01,2026-12-10,,承诺
      F,Li,600,validate,C,2026-10-01,2026-12-11,,Maybe

      """)
    let analysis = try importAndAnalyse(export, asOf: "2026-11-15")
    let categories = analysis.categories

    // Worked out by hand from the rows above.
    #expect(categories.categorizedDeals == 5)
    #expect(categories.unknownValues == ["Maybe": 1])

    let november = try #require(categories.lines.first { $0.period == .month(24_322) })
    expectClose(november.amount(.closed), 50, "W1 won this month")
    expectClose(november.amount(.commit), 200, "A")
    expectClose(november.amount(.bestCase), 100, "B")
    expectClose(november.amount(.pipeline), 300, "C")
    expectClose(november.amount(.omitted), 400, "D")
    expectClose(november.commitForecast, 50 + 200, "closed + commit")
    expectClose(november.bestCaseForecast, 50 + 200 + 100, "commit forecast + best case")
    expectClose(november.openPipeline, 200 + 100 + 300, "every open category but omitted")

    let december = try #require(categories.lines.first { $0.period == .month(24_323) })
    expectClose(december.commitForecast, 500, "E, 承诺 read as commit")
    expectClose(december.bestCaseForecast, 500, "no best case in December")
    expectClose(december.openPipeline, 500, "F's unknown category is left out")
  }

  @Test(arguments: [
    ("Commit", ForecastCategory.commit), ("best case", .bestCase), ("BestCase", .bestCase),
    ("最佳情况", .bestCase), ("管道", .pipeline), ("排除", .omitted), ("Ｃｏｍｍｉｔ", .commit),
  ])
  func categorySpellings(_ cell: String, _ category: ForecastCategory) {
    #expect(ForecastCategory(cell: cell) == category)
  }
}

struct OwnerProbabilityTests {
  @Test func ownersProbabilityAveragedPerGradeAndStage() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,probability,created_on,expected_close_on
      A,Li,100,validate,C,30,2026-10-01,2026-12-10
      B,Li,100,validate,C,50%,2026-10-01,2026-12-10
      C,Li,100,approve,B,20,2026-10-01,2026-12-10
      D,Li,100,approve,B,,2026-10-01,2026-12-10

      """)
    let owners = try importAndAnalyse(export, asOf: "2026-11-30").ownerProbabilities
    // By hand: the column is in percent (30, 50%, 20). Grade C at stage 1:
    // (0.30 + 0.50) / 2; grade B at stage 2: 0.20 from C alone, D has none.
    #expect(owners.deals[Grade.c.rank][0] == 2)
    expectClose(owners.mean(grade: .c, stage: 1), 0.4, "C at validate")
    #expect(owners.deals[Grade.b.rank][1] == 1)
    expectClose(owners.mean(grade: .b, stage: 2), 0.2, "B at approve")
    #expect(owners.mean(grade: .a, stage: 1) == nil)
    #expect(!owners.isEmpty)
  }
}
