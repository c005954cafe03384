import Testing

@testable import Stagecast

struct VelocityTests {
  /// Three deals with dated history, worked by hand below.
  private func analysis(config: String? = nil) throws -> PipelineAnalysis {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "opps.csv",
      """
      id,stage,amount,owner,account,expected_close_on,closed_on
      A,Closed Won,100,Ann,Acme,2026-09-01,2026-09-01
      B,Approve,100,Bob,,,
      C,Needs Analysis,100,,Beta,2026-12-01,
      """)
    let history = try directory.write(
      "history.csv",
      """
      opportunity_id,stage,entered_on
      A,Validate,2026-08-01
      A,Approve,2026-08-11
      B,Validate,2026-08-01
      B,Approve,2026-08-21
      C,Validate,2026-10-01
      C,Needs Analysis,2026-11-01
      """)
    return try importAndAnalyse(export, history: history, configJSON: config)
  }

  @Test func completedStaysPerStage() throws {
    let stages = try analysis().velocity.stages
    // Validate: A 10 days, B 20 days, C 31 days (to Needs Analysis): median 20, P90 at rank 3 = 31.
    #expect(stages[0].completedStays == 3)
    #expect(stages[0].medianDays == 20)
    #expect(stages[0].p90Days == 31)
    // Approve: A left it by closing on 2026-09-01, 21 days; B is still in it.
    #expect(stages[1].completedStays == 1)
    #expect(stages[1].medianDays == 21)
  }

  @Test func completedStaysPerGrade() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "opps.csv",
      """
      id,stage,amount,grade,closed_on
      A,Closed Won,100,B,2026-09-01
      B,Approve,100,D,
      C,Needs Analysis,100,D,
      """)
    let history = try directory.write(
      "history.csv",
      """
      opportunity_id,stage,entered_on
      A,Validate,2026-08-01
      A,Approve,2026-08-11
      B,Validate,2026-08-01
      B,Approve,2026-08-21
      C,Validate,2026-10-01
      C,Needs Analysis,2026-11-01
      """)
    let validate = try importAndAnalyse(export, history: history).velocity.stages[0]
    // By hand: A (grade B) stayed 10 days; B and C (grade D) 20 and 31 days,
    // median 25.5 and P90 at rank ⌈0.9 × 2⌉ = 2, so 31.
    #expect(validate.byGrade[.b]?.completedStays == 1)
    #expect(validate.byGrade[.b]?.medianDays == 10)
    #expect(validate.byGrade[.d]?.completedStays == 2)
    #expect(validate.byGrade[.d]?.medianDays == 25.5)
    #expect(validate.byGrade[.d]?.p90Days == 31)
    #expect(validate.byGrade[.a] == nil)
  }

  @Test func stalledByConfiguredMaximum() throws {
    // Approve allows 30 days by default; B entered it on 2026-08-21, 101 days before 2026-11-30.
    let velocity = try analysis().velocity
    #expect(velocity.stalled.map(\.daysInStage) == [101])
    #expect(velocity.stalled.first?.limitDays == 30)
  }

  @Test func requiredFieldsListedByOwner() throws {
    // Default: validate needs account and owner, approve amount and expectedCloseOn.
    let check = try analysis().requiredFields
    let deals = try analysis().opportunities
    #expect(check.items.map { deals[$0.opportunity].id } == ["C", "B"])
    #expect(check.items.map(\.fields) == [["owner"], ["account", "expectedCloseOn"]])
  }
}

struct SalesVelocityTests {
  @Test func velocityMultipliesTheFourParts() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      W1,Li,100,Closed Won,C,2026-01-01,2026-03-02,2026-03-02,
      W2,Li,300,Closed Won,C,2026-02-01,2026-05-02,2026-05-02,
      L1,Li,10,Closed Lost,C,2026-01-01,2026-04-01,2026-04-01,validate
      L2,Li,10,Closed Lost,C,2026-01-01,2026-04-01,2026-04-01,validate
      O1,Li,50,validate,C,2026-10-01,2026-12-10,,
      O2,Li,60,validate,C,2026-10-01,2026-12-10,,
      O3,Li,70,validate,C,2026-10-01,2026-12-10,,

      """)
    let velocity = try importAndAnalyse(export, asOf: "2026-11-30").salesVelocity

    // By hand: 3 open deals; won deals average (100 + 300) / 2 = 200; win
    // rate from stage 1 is 2 won of 4 resolved = 0.5; cycles are 60 days
    // (2026-01-01 to 03-02) and 90 days (02-01 to 05-02), mean 75.
    // 3 × 200 × 0.5 / 75 = 4 per day, 120 per 30 days.
    #expect(velocity.openDeals == 3)
    expectClose(velocity.averageWonAmount, 200, "average won deal")
    expectClose(velocity.winRate, 0.5, "win rate")
    expectClose(velocity.averageCycleDays, 75, "cycle")
    #expect(velocity.cycleDeals == 2)
    expectClose(velocity.perDay, 4, "per day")
    expectClose(velocity.perMonth, 120, "per 30 days")
  }

  /// The grouping pass against a comparison sort by deal, day and stage.
  ///
  /// The entries repeat days and stages, and some deals have none.
  @Test func groupedEntriesMatchAFullSort() {
    var entries: [StageEntry] = []
    for number in 0..<500 {
      let deal = Int32((number * 7919) % 97)
      let day = Day(daysSinceEpoch: Int32(20_000 + (number * 31) % 13))
      entries.append(StageEntry(opportunity: deal, stage: Int8(1 + number % 7), enteredOn: day))
    }
    let expected = entries.sorted {
      ($0.opportunity, $0.enteredOn.daysSinceEpoch, $0.stage)
        < ($1.opportunity, $1.enteredOn.daysSinceEpoch, $1.stage)
    }
    let grouped = Velocity.entriesByDeal(entries, dealCount: 100)
    #expect(grouped.map(\.opportunity) == expected.map(\.opportunity))
    #expect(grouped.map(\.enteredOn) == expected.map(\.enteredOn))
    #expect(grouped.map(\.stage) == expected.map(\.stage))
  }

  /// Counted stay lengths give the median and 90th percentile a sort gives.
  ///
  /// The median of an even count is the mean of the middle two, and the
  /// percentile is the value at rank ⌈0.9 · n⌉. The lists have repeats,
  /// decades-long outliers and a negative stay.
  @Test(arguments: [
    [5], [3, 1], [0, 0, 0, 7], [12, 5, 5, 9, 1, 30, 2, 2],
    Array(0..<101).map { ($0 * 37) % 61 }, [4, 150_000, 2, 365_000, 8], [-3, 10, 4],
  ])
  func countedStaysMatchSortedStays(days: [Int]) {
    var lengths = StayLengths()
    for day in days { lengths.add(day) }
    let sorted = days.sorted()
    let middle = sorted.count / 2
    let median =
      sorted.count % 2 == 1
      ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    let p90 = Double(sorted[max(0, (90 * sorted.count + 99) / 100 - 1)])

    #expect(lengths.count == days.count)
    #expect(lengths.medianAndP90().median == median)
    #expect(lengths.medianAndP90().p90 == p90)
  }
}
