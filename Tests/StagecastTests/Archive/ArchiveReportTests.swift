import Testing

@testable import Stagecast

struct ArchiveReportTests {
  @Test func reportShowsTheTrendAndWhatMovedSinceTheLastSnapshot() throws {
    let directory = try TemporaryDirectory()
    let header =
      "id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage\n"
    let current = try directory.write(
      "current.csv",
      header + """
        W,Li,100,Closed Won,C,2026-06-01,2026-09-01,2026-09-01,
        L,Li,100,Closed Lost,C,2026-06-01,2026-09-01,2026-09-02,validate
        A,Li,300,validate,C,2026-10-01,2026-12-15,,
        B,Li,200,validate,C,2026-11-10,2026-12-20,,

        """)
    let october = try #require(Day(iso: "2026-10-31"))
    var a = Opportunity(id: "A", line: 2, status: .open, stageIndex: 1, ledByPartner: false)
    a.amountCents = 25_000
    a.recordedGrade = .c
    a.createdOn = Day(iso: "2026-10-01")
    a.expectedCloseOn = Day(iso: "2026-12-15")

    var job = ReportJob(
      exportPath: current, historyPath: nil,
      configuration: ConfigurationLoader.defaultConfiguration(),
      asOf: try #require(Day(iso: "2026-11-30")), language: .en)
    job.archive = [october: [a]]
    let analysis = try job.analyse()

    // By hand: October had A at 250; November has A at 300 and the new B at 200.
    #expect(analysis.trend.map(\.asOf.isoString) == ["2026-10-31", "2026-11-30"])
    #expect(analysis.trend.map(\.pipeline) == [250, 500])
    let moved = try #require(analysis.sinceLastSnapshot)
    #expect(moved.amount(.start) == 250)
    #expect(moved.amount(.increased) == 50)
    #expect(moved.amount(.new) == 200)
    #expect(moved.amount(.end) == 500)

    let files = job.render(analysis).map(\.name)
    #expect(files.contains("trend.csv"))
    #expect(files.contains("waterfall.csv"))
    #expect(files.contains("chart-trend.svg"))
  }
}
