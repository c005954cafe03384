import Foundation
import Testing

@testable import Stagecast

/// Resource allocation on the tiny fixture, whose README works every figure
/// out by hand (two roles, capacity sales 60 h and presales 30 h a month).
struct ResourceTests {
  /// The fixture's effort.json, in the configuration's `resources` form.
  private func configurationJSON(presalesMonths: [String: Double] = [:]) throws -> String {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: Paths.fixture("reference-tiny/effort.json")))
    let effort = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let roles = try #require(effort["roles"] as? [String])
    let capacity = try #require(effort["capacity_hours_per_month"] as? [String: Double])
    let roleObjects = roles.map { role -> [String: Any] in
      var object: [String: Any] = [
        "id": role, "name": ["zh": role, "en": role], "hoursPerMonth": capacity[role] ?? 0,
      ]
      if role == "presales", !presalesMonths.isEmpty { object["hoursByMonth"] = presalesMonths }
      return object
    }
    let resources: [String: Any] = ["roles": roleObjects, "effort": effort["hours"] ?? [:]]
    let json = try JSONSerialization.data(withJSONObject: ["resources": resources])
    return String(decoding: json, as: UTF8.self)
  }

  private func plan(
    extra: [String: Double] = [:], funding: FundingPolicy = .gradeThenValue,
    presalesMonths: [String: Double] = [:]
  ) throws -> PipelineAnalysis {
    var configuration = try ConfigurationLoader.load(
      userJSON: Array(try configurationJSON(presalesMonths: presalesMonths).utf8),
      file: "effort.json")
    configuration.resources.funding = funding
    configuration.capacityChanges = extra
    let job = ReportJob(
      exportPath: Paths.fixture("reference-tiny/opportunities.csv"),
      historyPath: Paths.fixture("reference-tiny/stage_history.csv"),
      configuration: configuration, asOf: try #require(Day(iso: "2026-11-30")), language: .en)
    return try job.analyse()
  }

  @Test func demandPerRoleAndMonth() throws {
    let plan = try plan().resources
    let sales = plan.months[0]
    let presales = plan.months[1]
    // The README's table: sales Nov 78.22, Dec 39.21, Jan 1.21, later 1.74, total 123;
    // presales Nov 65.17, Dec 32.17, later 1, total 100.5.
    #expect(sales[0].demandHundredths == 7_822)
    #expect(sales[1].demandHundredths == 3_921)
    #expect(sales[2].demandHundredths == 121)
    #expect(sales[6].demandHundredths == 174)
    #expect(sales[7].demandHundredths == 12_300)
    #expect(presales[0].demandHundredths == 6_517)
    #expect(presales[1].demandHundredths == 3_217)
    #expect(presales[6].demandHundredths == 100)
    #expect(presales[7].demandHundredths == 10_050)
  }

  @Test func fundingPassesOverSharesThatDoNotFit() throws {
    let analysis = try plan()
    let plan = analysis.resources
    // Sales Nov funds 44.22 of 78.22 (T06's 34 is passed over); presales Nov
    // 20.17 of 65.17; presales Dec 17.17 of 32.17. Three role-months over capacity.
    #expect(plan.months[0][0].fundedHundredths == 4_422)
    #expect(plan.months[1][0].fundedHundredths == 2_017)
    #expect(plan.months[1][1].fundedHundredths == 1_717)
    #expect(plan.overCapacityRoleMonths == 3)
    // Priority T10, T14, T06, T16, T13, T15, T05.
    #expect(
      plan.deals.map { analysis.opportunities[$0.opportunity].id }
        == ["T10", "T14", "T06", "T16", "T13", "T15", "T05"])

    let unfunded = plan.unfundedDeals(analysis.opportunities)
    #expect(unfunded.map { analysis.opportunities[$0.opportunity].id } == ["T06", "T14"])
    #expect(unfunded.map(\.unfundedRoleMonths) == [2, 2])
    #expect(unfunded.map(\.unfundedHundredths) == [6_400, 3_000])
    // At risk: 80,000,000 / 63.
    expectClose(plan.expectedValueAtRisk, 80_000_000.0 / 63, "expected value at risk")
  }

  @Test func whatIfFundsWhatTheExtraHoursCover() throws {
    let analysis = try plan(extra: ["presales": 15])
    let before = analysis.resources
    let after = try #require(analysis.resourcesWhatIf)
    // With 45 presales hours, Dec's 32.17 fits. In Nov (65.17) the priority
    // order funds T10 16 (29 left) and T14 15 (14 left), passes T06's 30 over,
    // then fits T16 0.5, T13 0.5, T15 3 and T05 0.17: 35.17 funded. T14 is
    // funded whole now, so its expected value, 793,650.79 = 50,000,000 / 63
    // by the README, moves from at risk to funded. T06 stays short in sales.
    #expect(after.months[1][1].fundedHundredths == 3_217)
    #expect(after.months[1][0].fundedHundredths == 3_517)
    expectClose(
      after.fundedExpectedValue - before.fundedExpectedValue, 50_000_000.0 / 63,
      "funded value gained")
    expectClose(after.expectedValueAtRisk, 30_000_000.0 / 63, "T06 still at risk")
  }

  @Test func fastTrackDealsInMiddleStagesAreCounted() throws {
    let plan = try plan().resources
    // By the README's table: T13 (C, stage 3) needs 11 h and T15 (D, stage 4)
    // 8 h; both are fast-track deals in a middle stage. T06 and T14, both B,
    // are the A and B deals with an unfunded share.
    #expect(plan.offTrackDeals == 2)
    #expect(plan.offTrackHundredths == 1_900)
    #expect(plan.unfundedTopGradeDeals == 2)
  }

  @Test func teamFileSetsCapacityAndRejectsUnknownRoles() throws {
    let directory = try TemporaryDirectory()
    let team = try directory.write(
      "team.csv", "岗位,姓名,月工时\nsales,李雷,120\nsales,韩梅梅,100\nlegal,王五,80\npresales,赵六,abc\n")
    var settings = ResourceSettings.tasDefault(stageCount: 7)
    let rejects = try TeamImporter.apply(path: team, to: &settings)

    // Sales: 120 + 100 hours a month; the legal row names no configured role
    // and the presales row has no number, so both are rejected and presales
    // keeps its configured capacity.
    #expect(settings.roles[0].hoursPerMonth == 220)
    #expect(settings.roles[0].hoursPer1000OpenDeals == nil)
    #expect(settings.roles[1].hoursPerMonth == nil)
    #expect(rejects.map(\.reason) == [.unknownRole, .invalidAmount])
    #expect(rejects.map(\.line) == [4, 5])
    #expect(!settings.isDefault)
  }

  @Test func valuePerHourIgnoresTheGrade() throws {
    let analysis = try plan(funding: .valuePerHour)
    // The README's EV per hour: T05 355,555.56, T16 109,206.35, T10 13,605.44,
    // T13 12,626.26, T14 12,400.79, T15 9,375.00, T06 7,440.48.
    #expect(
      analysis.resources.deals.map { analysis.opportunities[$0.opportunity].id }
        == ["T05", "T16", "T10", "T13", "T14", "T15", "T06"])
  }

  @Test func monthOfItsOwnReplacesTheUsualHours() throws {
    let plan = try plan(presalesMonths: ["2026-12": 40]).resources
    // Presales has 40 h in December instead of 30: its 32.17 h fit, so only
    // November is over capacity for presales; sales November still is.
    #expect(plan.months[1][1].capacityHundredths == 4_000)
    #expect(plan.months[1][1].fundedHundredths == 3_217)
    #expect(plan.months[1][0].capacityHundredths == 3_000)
    #expect(plan.overCapacityRoleMonths == 2)
  }
}
