/// Renders `report.md`: the report's sections as GitHub-flavoured Markdown
/// tables, which GitLab and the common Chinese wikis also render.
enum MarkdownReport {
  /// `charts` are `Charts.all(context)`, drawn once for every file that shows them.
  static func render(_ context: ReportContext, charts: [Charts.Chart]) -> String {
    let words = context.words
    let format = context.format
    // Charts are SVG files beside report.md, so wikis and Git hosts show them.
    let charts = Dictionary(uniqueKeysWithValues: charts.map { ($0.name, $0.title) })
    func chart(_ name: String) -> String {
      guard let title = charts[name] else { return "" }
      return "![\(Escaping.markdownCell(title))](\(name).svg)\n\n"
    }
    var text = "# \(words.title)\n\n"
    text += words.asOfLine(format.date(context.analysis.asOf), context.windowPhrase) + "\n\n"

    text += "## \(words.summary)\n\n"
    text += table(
      ReportTable(
        headers: [words.figureHeader, ""],
        rows: context.headlineFigures.map {
          [.init(text: $0.label), .init(text: $0.value, isNumber: true)]
        }))
    let risks = context.topRisks
    if !risks.isEmpty {
      text += "\n**\(context.risksHeading)**\n\n"
      for risk in risks { text += "- \(Escaping.markdownCell(risk))\n" }
    }
    text += "\n" + table(context.dealTable) + "\n"

    text += "## \(words.funnelSection)\n\n\(words.funnelIntro)\n\n"
    text += chart("chart-funnel")
    text += table(context.funnelTable) + "\n"
    if context.analysis.quality.populationWithoutHistory > 0 {
      text += words.noHistoryNote(context.analysis.quality.populationWithoutHistory) + "\n\n"
    }

    text += "## \(words.winProbabilitySection)\n\n"
    text += words.winProbabilityIntro(context.configuration.forecast.priorStrength) + "\n\n"
    text += chart("chart-win-probability")
    text += table(context.winProbabilityTable) + "\n"
    if !context.analysis.ownerProbabilities.isEmpty {
      text += context.ownerProbabilityNote + "\n\n" + table(context.ownerProbabilityTable) + "\n"
    }
    if context.analysis.probabilities.entries.contains(where: { $0.source == .configured }) {
      text += Escaping.markdownCell(words.configuredNote) + "\n\n"
    }

    text += "## \(words.forecastSection)\n\n\(words.forecastIntro)\n\n"
    text += chart("chart-forecast")
    text += table(context.forecastTable) + "\n"
    text += context.words.rangeNote(context.analysis.range.runs) + "\n\n"
    for note in context.forecastNotes { text += Escaping.markdownCell(note) + "\n\n" }
    text += chart("chart-grade-mix")
    text += table(context.forecastByGradeTable) + "\n"
    if !context.analysis.targets.byDimension.isEmpty {
      text += context.dimensionTargetsNote + "\n\n"
      text += table(context.dimensionTargetsTable) + "\n"
    }
    if !context.analysis.categories.isEmpty {
      text += Escaping.markdownCell(context.categoriesNote) + "\n\n"
      text += table(context.categoriesTable) + "\n"
    }

    text += "## \(words.auditSection)\n\n\(words.auditIntro)\n\n"
    text += words.computedGrades(context.analysis.audit.computedGrades) + "\n\n"
    text += table(context.auditCountsTable) + "\n"
    let audit = context.auditItemsTable
    if audit.total > 0 {
      text += list(audit, file: "grade_audit.csv", words: words)
    }

    text += "## \(words.overdueSection)\n\n\(words.overdueIntro)\n\n"
    text += listOrNote(
      context.overdueTable, file: "overdue.csv", words: words, empty: words.noOverdue)

    let breakdowns = context.breakdownTables
    if !breakdowns.isEmpty {
      text += "## \(words.breakdownSection)\n\n\(words.breakdownIntro)\n\n"
      for breakdown in breakdowns { text += table(breakdown.table) + "\n" }
    }

    text += "## \(words.velocitySection)\n\n\(words.velocityIntro)\n\n"
    text += chart("chart-aging")
    text += table(context.velocityTable) + "\n"
    text += table(context.velocityByGradeTable) + "\n"
    text += context.salesVelocityNote + "\n\n"
    let stalled = context.stalledTable
    text += listOrNote(
      stalled, file: "stalled.csv", words: words, intro: words.stalledIntro(stalled.total),
      empty: words.noStalled)

    text += "## \(words.requiredSection)\n\n"
    let missing = context.missingFieldsTable
    text += listOrNote(
      missing, file: "missing_fields.csv", words: words, intro: words.requiredIntro(missing.total),
      empty: words.noMissingFields)

    text += "## \(context.resourceHeading)\n\n"
    for note in context.resourceNotes { text += Escaping.markdownCell(note) + "\n\n" }
    text += chart("chart-utilization")
    text += table(context.utilizationTable) + "\n"
    let unfunded = context.unfundedTable
    if unfunded.total > 0 { text += list(unfunded, file: "unfunded.csv", words: words) }

    if !context.analysis.trend.isEmpty {
      text += "## \(context.trendHeading)\n\n"
      text += chart("chart-trend")
      text += table(context.trendTable) + "\n"
      if let waterfall = context.waterfall {
        text += Escaping.markdownCell(waterfall.note) + "\n\n" + chart("chart-waterfall")
        text += table(waterfall.table) + "\n"
      }
    }

    text += "## \(words.qualitySection)\n\n"
    let input = context.analysis.input
    text +=
      (input.rejects.isEmpty
        ? words.rejectsNone : words.rejectsLine(input.rejectedRows, input.unreadableValues))
    text += "\n\n"
    let notes = context.qualityNotes
    if !notes.isEmpty {
      text += "**\(words.qualityItems)**\n\n"
      for note in notes { text += "- \(Escaping.markdownCell(note))\n" }
      text += "\n"
    }
    let rejects = context.rejectsTable
    if rejects.total > 0 {
      text += list(rejects, file: "rejects.csv", words: words)
    }

    text += "## \(words.methodSection)\n\n"
    text +=
      words.methodText(
        context.windowPhrase, context.configuration.forecast.horizonMonths,
        context.configuration.forecast.priorStrength) + "\n\n"
    if let backtest = context.analysis.backtest {
      text += "### \(BacktestReport.heading(context.language))\n\n"
      text += BacktestReport.reportNote(backtest, language: context.language) + "\n\n"
      text += table(BacktestReport.scoresTable(backtest, language: context.language)) + "\n"
    }
    text += "## \(words.frameworkSection)\n\n"
    text += table(context.frameworkTable) + "\n"
    text += "_\(words.generatedBy)_\n"
    return text
  }

  /// Renders the list under `intro`, or the `empty` sentence when the list has no rows.
  static func listOrNote(
    _ list: (table: ReportTable, total: Int), file: String, words: ReportWords,
    intro: String? = nil, empty: String
  ) -> String {
    guard list.total > 0 else { return empty + "\n\n" }
    return (intro.map { $0 + "\n\n" } ?? "") + self.list(list, file: file, words: words)
  }

  /// Renders a capped list and, when rows were left out, the sentence that
  /// names the CSV file with all of them.
  static func list(
    _ list: (table: ReportTable, total: Int), file: String, words: ReportWords
  ) -> String {
    var text = table(list.table) + "\n"
    if list.total > list.table.rows.count {
      text += words.truncated(list.table.rows.count, file) + "\n\n"
    }
    return text
  }

  /// A pipe table; every cell is escaped, so names from the input cannot
  /// break the table or inject markup.
  static func table(_ table: ReportTable) -> String {
    var text = "| " + table.headers.map(Escaping.markdownCell).joined(separator: " | ") + " |\n"
    let alignments = table.headers.indices.map { column -> String in
      let isNumber = table.rows.first.map { column < $0.count && $0[column].isNumber } ?? false
      return isNumber ? "---:" : "---"
    }
    text += "| " + alignments.joined(separator: " | ") + " |\n"
    for row in table.rows {
      text += "| " + row.map { Escaping.markdownCell($0.text) }.joined(separator: " | ") + " |\n"
    }
    return text
  }
}
