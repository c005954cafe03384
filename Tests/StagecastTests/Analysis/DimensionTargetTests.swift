import Testing

@testable import Stagecast

struct DimensionTargetTests {
  @Test func ownerAndRegionTargetsFromAFile() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,region,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      W1,Li,East,50,Closed Won,C,2026-08-01,2026-11-02,2026-11-02,
      L1,Li,East,10,Closed Lost,C,2026-08-01,2026-09-01,2026-09-01,validate
      W2,Wang,West,100,Closed Won,C,2026-08-01,2026-10-05,2026-10-05,
      L2,Wang,West,10,Closed Lost,C,2026-08-01,2026-09-01,2026-09-01,validate
      A,Li,East,200,validate,C,2026-10-01,2026-11-20,,
      B,Li,East,300,validate,C,2026-10-01,2026-12-10,,
      C,Wang,West,400,validate,C,2026-10-01,2026-11-25,,

      """)
    let targets = try directory.write(
      "targets.csv",
      """
      month,owner,region,target
      2026-11,Li,,500
      2026年12月,Li,,600
      2026/11,,West,1000
      2026-11,,,3000
      2026-13,Li,,1
      2026-11,Li,,abc

      """)
    let configuration = try ConfigurationLoader.load(userJSON: nil, file: "default")
    var job = ReportJob(
      exportPath: export, historyPath: nil, configuration: configuration,
      asOf: try #require(Day(iso: "2026-11-15")), language: .en)
    job.targetsPath = targets
    let analysis = try job.analyse()

    // Worked out by hand. p̂ of stage 1 is 2 won of 4 resolved = 0.5 for every deal.
    let rows = analysis.targets.byDimension
    #expect(
      rows.map { "\($0.dimension.rawValue) \($0.value) \(Day.monthLabel($0.month))" } == [
        "owner Li 2026-11", "owner Li 2026-12", "region West 2026-11",
      ])

    // Li, November: W1 won 50 this month; A (200) is expected in November.
    expectClose(rows[0].wonSoFar, 50, "Li won so far")
    expectClose(rows[0].pipeline, 200, "Li's November pipeline")
    expectClose(rows[0].landing, 50 + 100, "won + 200 × 0.5")
    expectClose(rows[0].gap, 500 - 150, "gap")
    expectClose(rows[0].coverage, 200.0 / 450, "pipeline ÷ (target − won)")
    // Li won 1 and lost 1, so the coverage needed is 1 ÷ 0.5.
    expectClose(rows[0].requiredCoverage, 2, "coverage needed")

    // Li, December (written 2026年12月): B (300).
    expectClose(rows[1].landing, 150, "300 × 0.5")
    expectClose(rows[1].coverage, 0.5, "300 ÷ 600")

    // West, November: W2 won in October, so nothing so far; C (400) expected.
    expectClose(rows[2].wonSoFar, 0, "West won so far")
    expectClose(rows[2].landing, 200, "400 × 0.5")
    expectClose(rows[2].gap, 800, "gap")

    // The company row replaces the configuration's November target.
    #expect(analysis.targets.months.first?.target == 3000)
    // 2026-13 is no month and abc no amount: both rows are rejected and counted.
    #expect(analysis.input.rejectedTargetRows == 2)
    #expect(analysis.input.rejectedHistoryRows == 0)
  }

  @Test(arguments: [
    ("2026-11", 24_322), ("2026/11", 24_322), ("2026年11月", 24_322), ("2026-11-30", 24_322),
    ("２０２６-１１", 24_322),
  ])
  func monthCells(_ text: String, _ month: Int) {
    #expect(TargetsImporter.month(text) == month)
  }

  @Test(arguments: ["2026-13", "2026-02-30", "11/2026", "next month", ""])
  func cellsThatNameNoMonth(_ text: String) {
    #expect(TargetsImporter.month(text) == nil)
  }

  @Test func targetHeaderInTenThousands() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("targets.csv", "月份,负责人,目标(万元)\n2026-11,李雷,12.5\n")
    let table = try TargetsImporter.read(path: path)
    // 12.5 万元 is 125,000.
    #expect(table.owners["李雷"]?[24_322] == 125_000)
  }
}
