/// Renders `report.html`: one self-contained file with inline CSS, no
/// scripts and no external resources, readable from a phone to a wide
/// screen and printable.
enum HTMLReport {
  /// `charts` are `Charts.all(context)`, drawn once for every file that shows them.
  static func render(_ context: ReportContext, charts: [Charts.Chart]) -> String {
    let words = context.words
    let format = context.format
    let lang = context.language == .zhCN ? "zh-CN" : "en"
    var html = """
      <!DOCTYPE html>
      <html lang="\(lang)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(Escaping.html(words.title)) · \(Escaping.html(format.date(context.analysis.asOf)))</title>
      <style>\(stylesheet)</style>
      </head>
      <body>
      <main>
      <h1>\(Escaping.html(words.title))</h1>
      <p class="meta">\(Escaping.html(words.asOfLine(format.date(context.analysis.asOf), context.windowPhrase)))</p>

      """

    let charts = Dictionary(uniqueKeysWithValues: charts.map { ($0.name, $0.svg) })
    func chart(_ name: String) -> String {
      guard let svg = charts[name] else { return "" }
      return "<figure class=\"chart\">\n\(svg)</figure>\n"
    }

    html += section(words.summary) {
      var body = "<div class=\"cards\">\n"
      for (label, value) in context.headlineFigures {
        body += "<div class=\"card\"><div class=\"label\">\(Escaping.html(label))</div>"
        body += "<div class=\"value\">\(Escaping.html(value))</div></div>\n"
      }
      body += "</div>\n"
      let risks = context.topRisks
      if !risks.isEmpty {
        body += "<h3>\(Escaping.html(context.risksHeading))</h3>\n<ul class=\"risks\">\n"
        for risk in risks { body += "<li>\(Escaping.html(risk))</li>\n" }
        body += "</ul>\n"
      }
      body += table(context.dealTable)
      return body
    }

    html += section(words.funnelSection) {
      var body = paragraph(words.funnelIntro) + funnelBars(context)
      body +=
        "<p class=\"legend\">\(Escaping.html(words.funnelLegend))</p>\n"
        + table(context.funnelTable)
      if context.analysis.quality.populationWithoutHistory > 0 {
        body += paragraph(words.noHistoryNote(context.analysis.quality.populationWithoutHistory))
      }
      return body
    }

    html += section(words.winProbabilitySection) {
      var body = paragraph(words.winProbabilityIntro(context.configuration.forecast.priorStrength))
      body += chart("chart-win-probability") + table(context.winProbabilityTable)
      if !context.analysis.ownerProbabilities.isEmpty {
        body += paragraph(context.ownerProbabilityNote) + table(context.ownerProbabilityTable)
      }
      if context.analysis.probabilities.entries.contains(where: { $0.source == .configured }) {
        body += paragraph(words.configuredNote)
      }
      return body
    }

    html += section(words.forecastSection) {
      var body =
        paragraph(words.forecastIntro) + chart("chart-forecast") + table(context.forecastTable)
        + paragraph(words.rangeNote(context.analysis.range.runs))
        + context.forecastNotes.map(paragraph).joined() + chart("chart-grade-mix")
        + table(context.forecastByGradeTable)
      if !context.analysis.targets.byDimension.isEmpty {
        body += paragraph(context.dimensionTargetsNote) + table(context.dimensionTargetsTable)
      }
      if !context.analysis.categories.isEmpty {
        body += paragraph(context.categoriesNote) + table(context.categoriesTable)
      }
      return body
    }

    html += section(words.auditSection) {
      var body =
        paragraph(words.auditIntro)
        + paragraph(words.computedGrades(context.analysis.audit.computedGrades))
      body += table(context.auditCountsTable)
      let audit = context.auditItemsTable
      if audit.total > 0 {
        body += list(audit, file: "grade_audit.csv", words: words)
      }
      return body
    }

    html += section(words.overdueSection) {
      let overdue = context.overdueTable
      guard overdue.total > 0 else { return paragraph(words.noOverdue) }
      return paragraph(words.overdueIntro) + list(overdue, file: "overdue.csv", words: words)
    }

    let breakdowns = context.breakdownTables
    if !breakdowns.isEmpty {
      html += section(words.breakdownSection) {
        paragraph(words.breakdownIntro) + breakdowns.map { table($0.table) }.joined()
      }
    }

    html += section(words.velocitySection) {
      var body =
        paragraph(words.velocityIntro) + chart("chart-aging") + table(context.velocityTable)
        + table(context.velocityByGradeTable)
        + paragraph(context.salesVelocityNote)
      let stalled = context.stalledTable
      guard stalled.total > 0 else { return body + paragraph(words.noStalled) }
      body +=
        paragraph(words.stalledIntro(stalled.total))
        + list(stalled, file: "stalled.csv", words: words)
      return body
    }

    html += section(words.requiredSection) {
      let missing = context.missingFieldsTable
      guard missing.total > 0 else { return paragraph(words.noMissingFields) }
      let body =
        paragraph(words.requiredIntro(missing.total))
        + list(missing, file: "missing_fields.csv", words: words)
      return body
    }

    html += section(context.resourceHeading) {
      var body =
        context.resourceNotes.map(paragraph).joined() + chart("chart-utilization")
        + table(context.utilizationTable)
      let unfunded = context.unfundedTable
      if unfunded.total > 0 { body += list(unfunded, file: "unfunded.csv", words: words) }
      return body
    }

    if !context.analysis.trend.isEmpty {
      html += section(context.trendHeading) {
        var body = chart("chart-trend") + table(context.trendTable)
        if let waterfall = context.waterfall {
          body += paragraph(waterfall.note) + chart("chart-waterfall") + table(waterfall.table)
        }
        return body
      }
    }

    html += section(words.qualitySection) {
      let input = context.analysis.input
      var body = paragraph(
        input.rejects.isEmpty
          ? words.rejectsNone : words.rejectsLine(input.rejectedRows, input.unreadableValues))
      let notes = context.qualityNotes
      if !notes.isEmpty {
        body += "<h3>\(Escaping.html(words.qualityItems))</h3>\n<ul>\n"
        for note in notes { body += "<li>\(Escaping.html(note))</li>\n" }
        body += "</ul>\n"
      }
      let rejects = context.rejectsTable
      if rejects.total > 0 {
        body += list(rejects, file: "rejects.csv", words: words)
      }
      return body
    }

    html += section(words.methodSection) {
      var body = paragraph(
        words.methodText(
          context.windowPhrase, context.configuration.forecast.horizonMonths,
          context.configuration.forecast.priorStrength))
      if let backtest = context.analysis.backtest {
        body += "<h3>\(Escaping.html(BacktestReport.heading(context.language)))</h3>\n"
        body += paragraph(BacktestReport.reportNote(backtest, language: context.language))
        body += table(BacktestReport.scoresTable(backtest, language: context.language))
      }
      return body
    }
    html += section(words.frameworkSection) { table(context.frameworkTable) }

    html += "<footer>\(Escaping.html(words.generatedBy))</footer>\n</main>\n</body>\n</html>\n"
    return html
  }

  /// Renders a capped list and, when rows were left out, the sentence that
  /// names the CSV file with all of them.
  private static func list(
    _ list: (table: ReportTable, total: Int), file: String, words: ReportWords
  ) -> String {
    var html = table(list.table)
    if list.total > list.table.rows.count {
      html += paragraph(words.truncated(list.table.rows.count, file))
    }
    return html
  }

  private static func section(_ title: String, _ body: () -> String) -> String {
    "<section>\n<h2>\(Escaping.html(title))</h2>\n\(body())</section>\n"
  }

  private static func paragraph(_ text: String) -> String {
    "<p>\(Escaping.html(text))</p>\n"
  }

  /// A table; every cell is escaped, numbers align right.
  static func table(_ table: ReportTable) -> String {
    var html = "<div class=\"table\"><table>\n<thead><tr>"
    for (column, header) in table.headers.enumerated() {
      let isNumber = table.rows.first.map { column < $0.count && $0[column].isNumber } ?? false
      html += isNumber ? "<th class=\"num\">" : "<th>"
      html += Escaping.html(header) + "</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      html += "<tr>"
      for cell in row {
        html += cell.isNumber ? "<td class=\"num\">" : "<td>"
        html += Escaping.html(cell.text) + "</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody></table></div>\n"
    return html
  }

  /// Horizontal bars of visited and reached deals per stage, drawn with CSS widths.
  private static func funnelBars(_ context: ReportContext) -> String {
    let stages = context.analysis.overallFunnel.stages
    let largest = max(1, stages.map(\.reached).max() ?? 1)
    var html = "<div class=\"funnel\" role=\"img\">\n"
    for stage in stages {
      let reached = Double(stage.reached) / Double(largest) * 100
      let visited = Double(stage.visited) / Double(largest) * 100
      html +=
        "<div class=\"row\"><span class=\"name\">\(Escaping.html(context.stageName(stage.stage)))</span>"
      html +=
        "<span class=\"track\"><span class=\"reached\" style=\"width:\(NumberFormatting.fixed(reached, decimals: 1))%\"></span>"
      html +=
        "<span class=\"visited\" style=\"width:\(NumberFormatting.fixed(visited, decimals: 1))%\"></span></span>"
      html +=
        "<span class=\"count\">\(context.format.count(stage.visited)) / \(context.format.count(stage.reached))</span></div>\n"
    }
    html += "</div>\n"
    return html
  }

  private static let stylesheet = """
    :root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d8dce3; --accent: #1f5fa8; --soft: #e8eef7; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: var(--ink); line-height: 1.55; background: #fff; }
    main { max-width: 1100px; margin: 0 auto; padding: 16px; }
    h1 { font-size: 1.6rem; margin: 0.4rem 0; }
    h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 2rem; }
    h3 { font-size: 1rem; }
    .meta { color: var(--muted); }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 10px; margin: 12px 0; }
    .card { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 8px 12px; border-radius: 4px; }
    .card .label { color: var(--muted); font-size: 0.85rem; }
    .legend { color: var(--muted); font-size: 0.85rem; margin-top: 2px; }
    .card .value { font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
    .table { overflow-x: auto; margin: 10px 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
    td { max-width: 22em; overflow-wrap: anywhere; }
    th { background: var(--soft); }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .funnel .row { display: grid; grid-template-columns: 8em 1fr 7em; gap: 8px; align-items: center; margin: 3px 0; }
    .funnel .track { position: relative; height: 16px; background: #f3f4f6; border: 1px solid var(--line); }
    .funnel .reached { position: absolute; left: 0; top: 0; bottom: 0; background: repeating-linear-gradient(45deg, #9fb7d6, #9fb7d6 3px, #dbe5f1 3px, #dbe5f1 6px); }
    .funnel .visited { position: absolute; left: 0; top: 3px; bottom: 3px; background: var(--accent); }
    .funnel .count { font-variant-numeric: tabular-nums; font-size: 0.85rem; text-align: right; }
    footer { color: var(--muted); font-size: 0.8rem; margin: 2rem 0 1rem; }
    @media (max-width: 600px) {
      main { padding: 10px; }
      .cards { grid-template-columns: repeat(2, 1fr); gap: 6px; }
      .card { padding: 6px 8px; }
      .card .value { font-size: 1.05rem; }
      .funnel .row { grid-template-columns: 5.5em 1fr 5.5em; }
      /* Wide tables scroll sideways instead of wrapping a label letter by letter. */
      table { display: block; overflow-x: auto; }
      th, td { white-space: nowrap; }
    }
    figure.chart { margin: 12px 0; overflow-x: auto; }
    figure.chart svg { max-width: 100%; height: auto; display: block; }
    @media print { section { break-before: page; break-inside: auto; } section:first-of-type { break-before: auto; } h2 { break-after: avoid; } table { break-inside: avoid; } .card { break-inside: avoid; } figure.chart { break-inside: avoid; } main { max-width: none; } }
    """
}
