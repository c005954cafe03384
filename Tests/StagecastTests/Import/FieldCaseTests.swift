import Foundation
import Testing

@testable import Stagecast

/// Inputs from problems people reported with real exports; each test's
/// expected figures are the ones the case's CASE.md gives, worked by hand
/// there from the input rows.
@Suite(.enabled(if: Paths.hasSharedCases, "the field cases are not beside the repository"))
struct FieldCaseTests {
  /// Stages of a CRM's own pipeline, in order, with every probability at 0.5.
  private func stages(_ names: [String]) -> String {
    let items = names.enumerated().map { index, name in
      #"{"id": "s\#(index + 1)", "name": {"zh": "\#(name)", "en": "\#(name)"}, "defaultProbability": 0.5}"#
    }
    return "[" + items.joined(separator: ", ") + "]"
  }

  private func sum(_ analysis: PipelineAnalysis, _ status: DealState.Status) -> Double {
    analysis.states.filter { $0.status == status }.reduce(0) {
      $0 + (analysis.opportunities[$1.opportunity].amount ?? 0)
    }
  }

  private func ownerWeighted(_ analysis: PipelineAnalysis) -> Double {
    analysis.states.filter { $0.status == .open }.reduce(0) {
      let deal = analysis.opportunities[$1.opportunity]
      return $0 + (deal.amount ?? 0) * (deal.ownerProbability ?? 0)
    }
  }

  @Test func gb18030ExcelExportDecodes() throws {
    let export = Paths.sharedCase("01-gb18030-excel-export/opportunities.csv")
    // No close dates in the file, so the lookback is switched off.
    let config =
      #"{"stages": \#(stages(["验证客户", "需求分析", "方案/报价"])), "forecast": {"lookbackMonths": 0}}"#
    let analysis = try importAndAnalyse(export, configJSON: config, asOf: "2025-12-31")

    #expect(analysis.input.export.encoding == "gb18030")
    #expect(analysis.opportunities.count == 8)
    #expect(analysis.input.rejects.isEmpty)
    #expect(analysis.counts.open == 5)
    expectClose(sum(analysis, .open), 3_290_000, "open pipeline")
    expectClose(sum(analysis, .won), 410_000, "won")
    expectClose(sum(analysis, .lost), 90_000, "lost")
    expectClose(analysis.overallFunnel.stages[0].winRate, 2.0 / 3.0, "win rate")
    let accounts = analysis.opportunities.compactMap(\.account)
    #expect(accounts.contains("广州䶮川科技有限公司"))

    let byOwner = Dictionary(grouping: analysis.states.filter { $0.status == .open }) {
      analysis.opportunities[$0.opportunity].owner ?? ""
    }.mapValues { $0.reduce(0) { $0 + (analysis.opportunities[$1.opportunity].amount ?? 0) } }
    expectClose(byOwner["周立文"], 2_190_000, "周立文")
    expectClose(byOwner["陈思远"], 1_100_000, "陈思远")
    #expect(byOwner["李晓彤"] == nil)

    let files = ReportJob(
      exportPath: export, historyPath: nil,
      configuration: try ConfigurationLoader.load(userJSON: Array(config.utf8), file: "case.json"),
      asOf: try #require(Day(iso: "2025-12-31")), language: .zhCN
    ).render(analysis)
    let markdown = try #require(files.first { $0.name == "report.md" }).text
    #expect(markdown.contains("广州䶮川科技有限公司"))
  }

  @Test func bomBeforeQuotedFirstHeader() throws {
    let config = """
      {"stages": \(stages(["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"])),
       "forecast": {"lookbackMonths": 0}}
      """
    let analysis = try importAndAnalyse(
      Paths.sharedCase("02-utf8-bom-first-header/opportunities.csv"), configJSON: config,
      asOf: "2025-06-30")

    #expect(analysis.input.export.encoding == "utf-8 (BOM)")
    #expect(analysis.input.export.mappedColumns.first?.field == "id")
    #expect(analysis.input.export.mappedColumns.first?.header == "Opportunity ID")
    #expect(analysis.input.export.unmappedHeaders.isEmpty)
    #expect(analysis.opportunities.map(\.id) == (1...6).map { "006A00000\($0)" })
    expectClose(sum(analysis, .open), 869_000, "open pipeline")
    expectClose(ownerWeighted(analysis), 453_400, "weighted with Probability (%)")
    expectClose(sum(analysis, .won), 60_000, "won")
    expectClose(sum(analysis, .lost), 32_000, "lost")
  }

  @Test func chineseAmountFormats() throws {
    let config =
      #"{"stages": \#(stages(["初步接洽", "需求确认", "方案报价", "商务谈判"])), "forecast": {"lookbackMonths": 0}}"#
    let analysis = try importAndAnalyse(
      Paths.sharedCase("03-amount-formats-cn/opportunities.csv"), configJSON: config,
      asOf: "2025-05-31")

    let cents = analysis.opportunities.map(\.amountCents)
    #expect(
      cents == [120_000_000, 120_000_000, 120_500_000, 102_000, 3_500_000, 500_000_000, nil, nil])
    #expect(
      analysis.input.rejects == [
        RejectedRow(
          file: analysis.input.export.path, line: 8, column: "商机金额", value: "1,23,4",
          reason: .invalidDigitGrouping, isRowKept: true, columnNumber: 4)
      ])
    #expect(analysis.opportunities[7].notValuedReason == .missingAmount)
    expectClose(sum(analysis, .open), 8_640_000, "open with an amount")
    expectClose(ownerWeighted(analysis), 5_047_500, "weighted with 赢率")
    expectClose(sum(analysis, .won), 1_020, "won")
  }

  @Test func multilineNotesKeepRecordLines() throws {
    let analysis = try importAndAnalyse(
      Paths.sharedCase("05-multiline-notes/deals.csv"),
      configJSON:
        #"{"stages": \#(stages(["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Contract Sent"]))}"#,
      asOf: "2025-06-30")

    #expect(analysis.opportunities.map(\.id) == (1...5).map { "900100\($0)" })
    #expect(analysis.opportunities.map(\.line) == [2, 3, 5, 8, 11])
    expectClose(sum(analysis, .open), 187_500, "open")
    expectClose(sum(analysis, .won), 64_000, "won")

    let reader = try CSVReader(path: Paths.sharedCase("05-multiline-notes/deals.csv"))
    var notes: [String] = []
    try reader.forEachRecord { notes.append($0.fields.last ?? "") }
    #expect(notes[3] == "Buyer said \"go\" after demo\n\nFollow-up: send quote")
    #expect(notes[4].components(separatedBy: "\n").count == 3)
    #expect(notes[4].contains("，"))
  }

  @Test func unterminatedQuoteDoesNotSwallowNextDeal() throws {
    let analysis = try importAndAnalyse(
      Paths.sharedCase("05-multiline-notes/malformed.csv"),
      configJSON: #"{"stages": \#(stages(["Qualified To Buy", "Contract Sent"]))}"#,
      asOf: "2025-06-30")

    #expect(analysis.opportunities.map(\.id) == ["9002001"])
    #expect(analysis.input.rejects.count == 1)
    #expect(analysis.input.rejects.first?.line == 3)
    #expect(analysis.input.rejects.first?.reason == .unterminatedQuote(startLine: 3, lastLine: 4))
  }

  @Test func closedDealsStayOutOfOpenPipeline() throws {
    let config = """
      {"stages": \(stages(["Qualified", "Contact Made", "Proposal Made", "Negotiations Started"])),
       "currency": {"code": "EUR"}}
      """
    let analysis = try importAndAnalyse(
      Paths.sharedCase("11-closed-in-open-pipeline/deals.csv"), configJSON: config,
      asOf: "2025-06-30")

    expectClose(sum(analysis, .open), 180_000, "open pipeline")
    let overdue = analysis.states.filter { state in
      state.status == .open
        && (analysis.opportunities[state.opportunity].expectedCloseOn.map { $0 < analysis.asOf }
          ?? false)
    }
    #expect(overdue.map { analysis.opportunities[$0.opportunity].id }.sorted() == ["104", "105"])
    #expect(analysis.counts.overdue == 2)
    expectClose(sum(analysis, .won), 158_000, "won")
    expectClose(sum(analysis, .lost), 83_000, "lost")
    let deal108 = try #require(analysis.opportunities.first { $0.id == "108" })
    #expect(deal108.closedOn == Day(year: 2025, month: 6, day: 24))

    let openByStage = Dictionary(grouping: analysis.states.filter { $0.status == .open }) {
      $0.currentStage
    }
    .mapValues { $0.reduce(0) { $0 + (analysis.opportunities[$1.opportunity].amount ?? 0) } }
    #expect(openByStage == [1: 23_000, 2: 54_000, 3: 42_000, 4: 61_000])
  }

  @Test func weightedPipelineSumsEachDeal() throws {
    let config = """
      {"stages": \(stages(["New", "Qualified", "Proposition"])),
       "columns": {"amount": "Expected Revenue", "name": "Opportunity"}}
      """
    let analysis = try importAndAnalyse(
      Paths.sharedCase("09-weighted-average-probability/odoo_pipeline.csv"), configJSON: config,
      asOf: "2025-06-30")

    #expect(analysis.opportunities.map(\.ownerProbability) == [0.99, 0, 0.30, 0.70, 0.10])
    expectClose(sum(analysis, .open), 575_000, "open")
    expectClose(ownerWeighted(analysis), 169_500, "Σ amount × probability")
  }

  @Test func salesforceFooterIsSkipped() throws {
    let config = """
      {"stages": \(stages(["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"])),
       "forecast": {"lookbackMonths": 0}}
      """
    let analysis = try importAndAnalyse(
      Paths.sharedCase("06-salesforce-report-footer/report.csv"), configJSON: config,
      asOf: "2025-06-30")

    #expect(analysis.opportunities.count == 5)
    #expect(analysis.input.rejects.isEmpty)
    #expect(analysis.input.footerLines == [8, 9, 10, 11, 12])
    let closeDates = analysis.opportunities.map { ($0.expectedCloseOn ?? $0.closedOn)?.isoString }
    #expect(closeDates == ["2025-07-15", "2025-08-30", "2025-06-30", "2025-05-31", "2025-07-01"])
    expectClose(sum(analysis, .open), 871_000, "open")
    expectClose(ownerWeighted(analysis), 461_600, "weighted with Probability (%)")
    expectClose(sum(analysis, .won), 60_000, "won")
  }

  @Test func odooArchivedDealsAreLost() throws {
    let config = #"{"stages": \#(stages(["New", "Qualified", "Proposition"]))}"#
    let analysis = try importAndAnalyse(
      Paths.sharedCase("13-win-rate-denominator/all_opportunities.csv"), configJSON: config,
      asOf: "2025-06-30")

    #expect(analysis.input.export.profile == "odoo")
    #expect(analysis.counts.won == 3)
    #expect(analysis.counts.lost == 3)
    expectClose(analysis.overallFunnel.stages[0].winRate, 0.5, "win rate by count")
    expectClose(
      analysis.overallFunnel.stages[0].winRateByAmount, 225_000.0 / 485_000.0, "by amount")
    expectClose(sum(analysis, .open), 465_000, "open")
    expectClose(ownerWeighted(analysis), 237_500, "weighted")
    let proposition = analysis.states.filter { $0.status == .open && $0.currentStage == 3 }
      .reduce(0) { $0 + (analysis.opportunities[$1.opportunity].amount ?? 0) }
    expectClose(proposition, 330_000, "open at Proposition")
  }

  @Test func activeOnlyExportMeasuresNoWinRate() throws {
    let config = #"{"stages": \#(stages(["New", "Qualified", "Proposition"]))}"#
    let analysis = try importAndAnalyse(
      Paths.sharedCase("13-win-rate-denominator/active_only_export.csv"), configJSON: config,
      asOf: "2025-06-30")

    #expect(analysis.counts.lost == 0)
    #expect(analysis.lossesMissing)
    #expect(analysis.probabilities.entries.allSatisfy { $0.source == .configured })
    expectClose(sum(analysis, .open), 465_000, "open")
  }

  @Test func ownProbabilityOverridesStageDefault() throws {
    // The stage probabilities of stages.csv, as the configured defaults.
    let config = """
      {"stages": [
        {"id": "q", "name": {"zh": "Qualified", "en": "Qualified"}, "defaultProbability": 0.10},
        {"id": "c", "name": {"zh": "Contact Made", "en": "Contact Made"}, "defaultProbability": 0.20},
        {"id": "d", "name": {"zh": "Demo Scheduled", "en": "Demo Scheduled"}, "defaultProbability": 0.40},
        {"id": "p", "name": {"zh": "Proposal Made", "en": "Proposal Made"}, "defaultProbability": 0.60},
        {"id": "n", "name": {"zh": "Negotiations Started", "en": "Negotiations Started"}, "defaultProbability": 0.80}],
       "currency": {"code": "EUR"}}
      """
    let configuration = try ConfigurationLoader.load(
      userJSON: Array(config.utf8), file: "case.json")
    let analysis = try importAndAnalyse(
      Paths.sharedCase("14-probability-override/deals.csv"), configJSON: config, asOf: "2025-06-30")

    let deals = analysis.opportunities
    #expect(deals.filter { $0.ownerProbability != nil }.map(\.id) == ["202", "204"])
    let weighted = deals.reduce(0.0) { total, deal in
      let stageDefault = configuration.stages[(deal.stageIndex ?? 1) - 1].defaultProbability
      return total + (deal.amount ?? 0) * (deal.ownerProbability ?? stageDefault)
    }
    expectClose(sum(analysis, .open), 360_000, "total")
    expectClose(weighted, 160_500, "weighted with the deal's own probability first")
  }

  /// The stages of the case's stages.csv; `Proposal/Price Quote` is the old name of Proposal.
  private func renamedStages(alias: Bool) -> String {
    let aliases = alias ? #", "aliases": ["Proposal/Price Quote"]"# : ""
    return """
      {"stages": [
        {"id": "qualification", "name": {"zh": "Qualification", "en": "Qualification"}, "defaultProbability": 0.1},
        {"id": "needs", "name": {"zh": "Needs Analysis", "en": "Needs Analysis"}, "defaultProbability": 0.25},
        {"id": "proposal", "name": {"zh": "Proposal", "en": "Proposal"}\(aliases), "defaultProbability": 0.5},
        {"id": "negotiation", "name": {"zh": "Negotiation", "en": "Negotiation"}, "defaultProbability": 0.8}],
       "forecast": {"lookbackMonths": 0}}
      """
  }

  @Test func renamedStageJoinsItsNewName() throws {
    let analysis = try importAndAnalyse(
      Paths.sharedCase("08-stage-renamed-history/stage_history.csv"),
      configJSON: renamedStages(alias: true), asOf: "2025-06-30")

    #expect(analysis.input.isBuiltFromHistory)
    #expect(analysis.opportunities.count == 6)
    let stages = analysis.overallFunnel.stages
    #expect(stages.map(\.reached) == [6, 5, 4, 2])
    #expect(analysis.counts.won == 2)
    expectClose(stages[0].advanceRate, 5.0 / 6.0, "Qualification → Needs Analysis")
    expectClose(stages[1].advanceRate, 4.0 / 5.0, "Needs Analysis → Proposal")
    // CASE.md divides by all 4 deals that reached Proposal (50 %). With
    // censoring, D5, still open in Proposal, leaves the base: 2 of 3.
    expectClose(stages[2].advanceRate, 2.0 / 3.0, "Proposal → Negotiation")
    expectClose(stages[3].winRate, 1.0, "Negotiation → Closed Won")
    // D4 went from Qualification straight to Closed Lost: it counts at the first stage only.
    let d4 = try #require(analysis.opportunities.firstIndex { $0.id == "D4" })
    #expect(analysis.states[d4].visitedStages == 0b1)
    // Days in Proposal of the deals that left it: D1 21, D2 18, D3 21; D5 is still there.
    let proposal = analysis.velocity.stages[2]
    #expect(proposal.completedStays == 3)
    #expect(proposal.medianDays == 21)
  }

  @Test func renamedStageWithoutAliasIsListed() throws {
    let analysis = try importAndAnalyse(
      Paths.sharedCase("08-stage-renamed-history/stage_history.csv"),
      configJSON: renamedStages(alias: false), asOf: "2025-06-30")

    let unknown = analysis.input.rejects.filter { $0.reason == .historyUnknownStage }
    #expect(unknown.map(\.line) == [4, 9])
    #expect(unknown.allSatisfy { $0.value == "Proposal/Price Quote" })
    // No invented funnel step: the funnel keeps the four configured stages.
    #expect(analysis.overallFunnel.stages.count == 4)
  }
}
