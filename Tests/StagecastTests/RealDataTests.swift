import Foundation
import Testing

@testable import Stagecast

/// Whole-pipeline checks on three public CRM exports, each with its
/// configuration in `data/configs`.
///
/// The exports are not part of the repository: they sit in
/// `shared/data/real` beside the package folder, and each test is skipped when
/// its file is missing. Every expected figure was worked out with python3's
/// `csv` module from the raw file, not from stagecast's output, and the comment
/// beside it gives the computation.
struct RealDataTests {
  /// The package root, found from this file so the working directory does not matter.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static let dataFolder = packageRoot.appendingPathComponent("../shared/data/real").standardized

  static func dataPath(_ dataSet: String, _ file: String) -> String {
    dataFolder.appendingPathComponent(dataSet).appendingPathComponent(file).path
  }

  static func configurationPath(_ dataSet: String) -> String {
    packageRoot.appendingPathComponent("data/configs/\(dataSet).json").path
  }

  static let mavenExport = dataPath("maven-crm-sales-opportunities", "sales_pipeline.csv")
  static let ibmExport = dataPath("ibm-watson-sales-win-loss", "WA_Fn-UseC_-Sales-Win-Loss.csv")
  static let sapExport = dataPath(
    "sap-b1-demo-opportunity-stages", "OOPR_Opportunity_Header.csv")
  static let sapHistory = dataPath(
    "sap-b1-demo-opportunity-stages", "OPR1_Opportunity_Details.csv")

  /// Loads the data set's configuration and runs import and analysis as `stagecast report` does.
  func analyse(
    _ dataSet: String, export: String, history: String? = nil, asOf: (Int, Int, Int)
  ) throws -> PipelineAnalysis {
    let configuration = try ConfigurationLoader.load(path: Self.configurationPath(dataSet))
    let day = try #require(Day(year: asOf.0, month: asOf.1, day: asOf.2))
    let job = ReportJob(
      exportPath: export, historyPath: history, configuration: configuration, asOf: day,
      language: .en)
    return try job.analyse()
  }

  /// Compares `actual` with `expected` at a relative tolerance of 1e-9 (nil never matches).
  func isClose(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 1e-9 * max(abs(expected), 1)
  }

  /// Sum of the valued open deals' amounts over every forecast line.
  func openPipeline(_ analysis: PipelineAnalysis) -> Double {
    analysis.forecast.lines.reduce(0) { $0 + $1.total.pipeline }
  }

  // In the comments below, `rows` is `list(csv.DictReader(open(FILE, newline='')))`.

  @Test(.enabled(if: FileManager.default.fileExists(atPath: RealDataTests.mavenExport)))
  func mavenPipelineFigures() throws {
    let analysis = try analyse(
      "maven-crm-sales-opportunities", export: Self.mavenExport, asOf: (2017, 12, 31))
    let funnel = analysis.overallFunnel

    // len(rows) and len({r['opportunity_id'] for r in rows}): 8,800 rows, every id unique.
    #expect(analysis.opportunities.count == 8800)
    #expect(analysis.input.rejectedRows == 0)

    // Rows whose deal_stage is Won (Lost) and whose close_date is after
    // 2015-12-31 and on or before 2017-12-31. Every close_date is in 2017.
    #expect(analysis.counts.won == 4238)
    #expect(analysis.counts.lost == 2473)
    // deal_stage in ('Prospecting', 'Engaging'), plus closed rows with close_date
    // after 2017-12-31 (none).
    #expect(analysis.counts.open == 2089)

    // sum(int(r['close_value']) for the won rows above). Every deal visited Prospecting.
    #expect(isClose(funnel.stages[0].wonAmount, 10_005_534))
    // Every deal starts at Prospecting, so the win rate from it is won ÷ (won + lost).
    #expect(isClose(funnel.stages[0].winRate, 4238.0 / 6711.0))

    // Without history or a lost-at stage, a won deal visited both stages, an open
    // deal the stages up to its deal_stage, and a lost deal Prospecting only:
    // won + open Engaging rows = 4,238 + 1,589. The 2,473 lost rows all carry an
    // engage_date, but the importer reads no per-stage date columns.
    #expect(funnel.stages[1].visited == 5827)
    #expect(analysis.quality.lostAtUnknownStage == 2473)

    // Won rows with close_date starting '2017-12': 511 deals, sum of close_value 1,131,573.
    let asOfMonth = analysis.forecast.asOfMonthLine.total
    #expect(asOfMonth.wonDeals == 511)
    #expect(isClose(asOfMonth.wonSoFar, 1_131_573))

    // Every open row has a blank close_value, so no open deal is valued.
    #expect(analysis.quality.openNotValued == 2089)
    #expect(openPipeline(analysis) == 0)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: RealDataTests.ibmExport)))
  func ibmWinLossFigures() throws {
    let analysis = try analyse(
      "ibm-watson-sales-win-loss", export: Self.ibmExport, asOf: (2026, 11, 30))
    let funnel = analysis.overallFunnel

    // Rows are grouped by Opportunity Number, each row reduced to the mapped cells
    // (Opportunity Number, Opportunity Result, Opportunity Amount USD, Region,
    // Supplies Subgroup). Of 77,829 ids, 183 repeat: 46 groups have identical
    // rows and 137 groups have differing ones.
    #expect(analysis.input.export.rows == 78025)
    // Ids whose rows are all identical: 77,829 − 137.
    #expect(analysis.opportunities.count == 77692)

    // Sum of the group sizes of the 137 differing groups: every row of such an id is rejected.
    #expect(analysis.input.rejectedRows == 283)
    // Sum of (group size − 1) over the 46 identical groups.
    #expect(analysis.input.collapsedDuplicateRows == 50)

    // Among the kept deals, Opportunity Result == 'Won' (== 'Loss'). With
    // lookbackMonths 0 every closed deal counts, and there are no open deals.
    #expect(analysis.counts.won == 17500)
    #expect(analysis.counts.lost == 60192)
    #expect(analysis.counts.open == 0)
    #expect(analysis.counts.population == 77692)

    // sum(int(amount)) over the kept won deals.
    #expect(isClose(funnel.stages[0].wonAmount, 1_275_919_251))
    // Every deal visited Identified: won ÷ kept deals.
    #expect(isClose(funnel.stages[0].winRate, 17500.0 / 77692.0))
    // No stage column, so a lost deal counts at Identified only and a won deal at
    // every stage: Validated is visited by the won deals alone.
    #expect(funnel.stages[1].visited == 17500)
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: RealDataTests.sapExport)
        && FileManager.default.fileExists(atPath: RealDataTests.sapHistory)))
  func sapStageHistoryFigures() throws {
    let analysis = try analyse(
      "sap-b1-demo-opportunity-stages", export: Self.sapExport, history: Self.sapHistory,
      asOf: (2024, 9, 30))
    let funnel = analysis.overallFunnel

    // Both files were read with csv.reader(delimiter=';') and every cell stripped.
    // Dates were read with strptime('%b %d, %Y %I:%M:%S.0 %p'). OOPR has 77 rows,
    // each with its own OpprId.
    #expect(analysis.opportunities.count == 77)
    #expect(analysis.input.rejectedRows == 0)

    // Status W (L) with CloseDate after 2004-09-30 (the 240-month lookback) and on
    // or before 2024-09-30. Every CloseDate falls in 2007–2023.
    #expect(analysis.counts.won == 21)
    #expect(analysis.counts.lost == 11)
    // Status O. None of the closed deals closed after the as-of date.
    #expect(analysis.counts.open == 45)
    // Open deals whose PredDate is before 2024-09-30: all 45.
    #expect(analysis.counts.overdue == 45)

    // sum(float(MaxSumLoc.replace(',', ''))) over the won rows. A won deal always
    // counts as having visited Order, the last stage.
    #expect(isClose(funnel.stages[5].wonAmount, 668_732.5))
    // The same sum over the open rows.
    #expect(isClose(openPipeline(analysis), 1_356_363.75))

    // A stage's visits are the population deals with an OPR1 line of that Descript
    // dated on or before the as-of date. The win rate is won ÷ (won + lost) among
    // them. Lead has 66 such deals, 18 won and 11 lost.
    #expect(funnel.stages[0].visited == 66)
    #expect(isClose(funnel.stages[0].winRate, 18.0 / 29.0))
    // 1st Meeting has 58 such deals and 2nd Meeting 25.
    #expect(funnel.stages[1].visited == 58)
    #expect(funnel.stages[2].visited == 25)

    // OPR1 lines whose OpprId is not in OOPR: the single Lead line of id 113.
    #expect(analysis.input.historyUnknownIDRows == 1)

    // Full-track deals (MaxSumLoc ≥ 25,000, grades A and B) of the population whose
    // visited stages (OPR1 lines, plus Order for a won deal) leave a gap below the
    // highest one.
    #expect(analysis.audit.count(.skippedStage) == 19)
  }
}
