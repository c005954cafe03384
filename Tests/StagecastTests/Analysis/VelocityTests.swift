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
