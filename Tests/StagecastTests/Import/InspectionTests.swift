import Foundation
import Testing

@testable import Stagecast

struct InspectionTests {
  @Test func inspectDescribesChineseSample() throws {
    let inspection = try ExportInspection.inspect(
      path: Paths.repository("data/sample-zh/opportunities.csv"),
      configuration: ConfigurationLoader.defaultConfiguration())

    #expect(inspection.encoding == .utf8)
    #expect(inspection.delimiter == ",")
    #expect(inspection.profile == .generic)
    #expect(inspection.rows == 300)
    #expect(inspection.columns.allSatisfy { $0.field != nil })
    let amount = try #require(inspection.columns.first { $0.field == "amount" })
    #expect(amount.header == "商机金额(万元)")
    #expect(amount.note == .unit(power: 4))
    // 65 won, 209 lost and 4 excluded rows (the generator's counts for this sample).
    let counts = Dictionary(
      uniqueKeysWithValues: inspection.stageValues.map { ($0.text, $0.count) })
    #expect(counts["赢单"] == 65)
    #expect(counts["输单"] == 209)
    #expect(counts["无效"] == 4)
    #expect(inspection.stageValues.first { $0.text == "需求分析" }?.meaning == .stage(3))
    #expect(inspection.problems.isEmpty)
  }

  @Test func inspectSettlesDayFirstColumn() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(
      "dmy.csv",
      "id;stage;amount;expected_close_on;note\n1;Validate;10;03/04/2026;x\n2;Validate;10;25/04/2026;y\n"
    )
    let inspection = try ExportInspection.inspect(
      path: path, configuration: ConfigurationLoader.defaultConfiguration())

    #expect(inspection.delimiter == ";")
    let date = try #require(inspection.dates.first { $0.field == "expectedCloseOn" })
    #expect(date.order.order == .dmy)
    #expect(date.order.ambiguousValues == 1)
    #expect(date.order.decidedByValues)
    #expect(inspection.columns.last?.note == .unknown)

    let json = InspectionReport.json(
      inspection, configuration: ConfigurationLoader.defaultConfiguration())
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["delimiter"] as? String == ";")
  }

  @Test func initThenReportPlacesForeignStages() throws {
    let directory = try TemporaryDirectory()
    // A CRM with its own stages; the owner's probability gives their order.
    let path = try directory.write(
      "crm.csv",
      """
      Deal ID,Stage,Amount,Probability,Close Date
      1,Discovery,100,10,2026-12-10
      2,Proposal,200,50,2026-12-20
      3,Demo,300,30,2027-01-15
      4,Closed Won,400,100,2026-11-05
      5,Closed Lost,500,0,2026-10-01
      """)
    let configuration = ConfigurationLoader.defaultConfiguration()
    let inspection = try ExportInspection.inspect(path: path, configuration: configuration)
    let starter = JSONText.render(
      StarterConfiguration.build(from: inspection, configuration: configuration))
    let configPath = try directory.write("stagecast.json", starter)

    let loaded = try ConfigurationLoader.load(path: configPath)
    #expect(loaded.stages.map(\.name.en) == ["Discovery", "Demo", "Proposal"])
    #expect(loaded.stages.map(\.defaultProbability) == [0.1, 0.3, 0.5])

    let job = ReportJob(
      exportPath: path, historyPath: nil, configuration: loaded,
      asOf: try #require(Day(iso: "2026-11-30")), language: .en)
    let analysis = try job.analyse()
    #expect(analysis.input.rejects.isEmpty)
    #expect(analysis.counts.open == 3)
    #expect(analysis.counts.won == 1)
    #expect(analysis.counts.lost == 1)
    // Visited (no history): Discovery 1, Demo 2, Proposal 3 up to their stage, won all 3, lost stage 1.
    #expect(analysis.overallFunnel.stages.map(\.visited) == [5, 3, 2])
  }
}
