/// What every renderer needs: the analysis, the configuration's stages and
/// settings, and the language with its words and number formats.
public struct ReportContext: Sendable {
  public let analysis: PipelineAnalysis
  public var configuration: Configuration
  public var language: ReportLanguage
  let words: ReportWords
  let format: NumberFormatting
  /// The open deals that are overdue, most overdue first, then by id.
  ///
  /// Worked out once: the pages, the risk summary and the CSV table all
  /// list them, and sorting tens of thousands of deals each time showed.
  let overdueDeals: [DealState]

  /// Rows of a long list shown in the page; the CSV has them all.
  static let listLimit = 200

  public init(analysis: PipelineAnalysis, configuration: Configuration, language: ReportLanguage) {
    self.analysis = analysis
    self.configuration = configuration
    self.language = language
    words = language == .zhCN ? .chinese : .english
    format = NumberFormatting(language: language, currency: configuration.currency)
    overdueDeals = Self.overdue(in: analysis)
  }

  /// The stage's name in the report language.
  func stageName(_ index: Int) -> String {
    configuration.stages[index - 1].name.text(language)
  }

  /// When closed deals count for rates, as a phrase.
  var windowPhrase: String {
    let months = configuration.forecast.lookbackMonths
    guard let start = analysis.windowStart else {
      return language == .zhCN ? "任何时间" : "at any time"
    }
    return language == .zhCN
      ? "近 \(months) 个月内（\(format.date(start))之后）"
      : "in the \(months) months before it (after \(format.date(start)))"
  }

  private static func overdue(in analysis: PipelineAnalysis) -> [DealState] {
    analysis.openDeals.filter { state in
      guard let expected = analysis.opportunities[state.opportunity].expectedCloseOn else {
        return false
      }
      return expected < analysis.asOf
    }.sorted { left, right in
      let a = analysis.opportunities[left.opportunity].expectedCloseOn ?? analysis.asOf
      let b = analysis.opportunities[right.opportunity].expectedCloseOn ?? analysis.asOf
      return a != b
        ? a < b
        : analysis.opportunities[left.opportunity].id < analysis.opportunities[right.opportunity].id
    }
  }

  /// The data-quality sentences that apply, in reading order.
  var qualityNotes: [String] {
    let quality = analysis.quality
    let counts = analysis.counts
    var notes: [String] = []
    if analysis.input.isBuiltFromHistory { notes.append(words.builtFromHistory) }
    if analysis.lossesMissing { notes.append(words.lossesMissing) }
    if !analysis.targets.ignoredMonths.isEmpty {
      notes.append(
        words.targetsIgnored(
          analysis.targets.ignoredMonths.map(Day.monthLabel).joined(separator: ", ")))
    }
    if !analysis.input.hasIDColumn { notes.append(words.noIDColumn) }
    if let newest = quality.newestDateAfterAsOf {
      notes.append(words.pastAsOf(format.date(newest)))
    }
    if quality.populationWithoutHistory > 0 {
      notes.append(words.withoutHistory(quality.populationWithoutHistory))
    }
    if quality.lostAtUnknownStage > 0 {
      notes.append(words.lostUnknownStage(quality.lostAtUnknownStage))
    }
    if quality.openNotValued > 0 { notes.append(words.notValuedNote(quality.openNotValued)) }
    for (currency, count) in quality.missingRates.sorted(by: { $0.key < $1.key }) {
      notes.append(words.missingRate(currency, count))
    }
    if quality.openWithoutExpectedClose > 0 {
      notes.append(words.withoutExpectedClose(quality.openWithoutExpectedClose))
    }
    if quality.openMovedBack > 0 { notes.append(words.movedBack(quality.openMovedBack)) }
    if !quality.stageDisagreements.isEmpty {
      notes.append(words.stageDisagreements(quality.stageDisagreements.count))
    }
    if let first = analysis.input.footerLines.first, let last = analysis.input.footerLines.last {
      notes.append(words.footerSkipped(analysis.input.footerLines.count, first, last))
    }
    if analysis.input.historyUnknownIDRows > 0 {
      notes.append(words.historyUnknownIDs(analysis.input.historyUnknownIDRows))
    }
    if quality.dealsWithEntriesAfterClose > 0 {
      notes.append(words.entriesAfterClose(quality.dealsWithEntriesAfterClose))
    }
    if quality.historyRowsAfterAsOf > 0 {
      notes.append(words.historyAfterAsOf(quality.historyRowsAfterAsOf))
    }
    if analysis.input.collapsedDuplicateRows > 0 {
      notes.append(words.collapsedDuplicates(analysis.input.collapsedDuplicateRows))
    }
    if counts.closedWithoutDate > 0 {
      notes.append(words.closedWithoutDate(counts.closedWithoutDate))
    }
    return notes
  }
}
