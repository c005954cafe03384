/// The report's content as language-neutral tables, shared by the Markdown
/// and HTML renderers so both show the same figures.
struct ReportTable {
  /// Cell text, already formatted; `isInput` marks text taken from the input.
  struct Cell {
    var text: String
    var isInput = false
    var isNumber = false
  }

  var headers: [String]
  var rows: [[Cell]]
}

extension ReportContext {
  /// The headline figures of the summary, label and value.
  var headlineFigures: [(label: String, value: String)] {
    let forecast = analysis.forecast
    let month = forecast.asOfMonthLine.total
    let asOfRange = analysis.range.line(for: forecast.asOfMonthLine.period)
    let open = forecast.openTotal
    var figures: [(label: String, value: String)] = [
      (words.landingThisMonth(format.month(forecast.asOfMonth)), format.amount(forecast.landing)),
      (
        "\(words.landingThisMonth(format.month(forecast.asOfMonth)))（\(words.landingWithOverdue)）"
          .replacingParenthesesFor(language), format.amount(forecast.landingWithOverdue)
      ),
      (
        words.landingRange(format.month(forecast.asOfMonth)),
        "\(format.amount(month.wonSoFar + asOfRange.p10)) – \(format.amount(month.wonSoFar + asOfRange.p90))"
      ),
      (
        words.pipelineRange,
        analysis.range.total.pipeline == 0
          ? words.none
          : "\(format.amount(analysis.range.total.p10)) – \(format.amount(analysis.range.total.p90))"
      ),
      (words.wonThisMonth, format.amount(month.wonSoFar)),
      (
        words.landingQuarter(format.quarter(forecast.asOfMonth)),
        format.amount(forecast.quarterLanding)
      ),
      (
        words.landingQuarterRange(format.quarter(forecast.asOfMonth)),
        "\(format.amount(forecast.quarterWonSoFar + analysis.range.quarter.p10)) – \(format.amount(forecast.quarterWonSoFar + analysis.range.quarter.p90))"
      ),
    ]
    if let target = analysis.targets.months.first(where: { $0.month == forecast.asOfMonth }) {
      figures.append(
        (words.targetGapCard(format.month(forecast.asOfMonth)), format.amount(target.gap)))
    }
    figures += [
      (words.expectedThisMonth, format.amount(month.expected)),
      (words.openPipeline, format.amount(open.pipeline)),
      (words.expectedOpen, format.amount(open.expected)),
      (words.openDeals, format.count(analysis.counts.open)),
      (words.overdueDeals, format.count(analysis.counts.overdue)),
    ]
    return figures
  }

  var dealTable: ReportTable {
    let counts = analysis.counts
    let input = analysis.input
    let rows: [(String, Int)] = [
      (words.imported, analysis.opportunities.count),
      (words.rejected, input.rejectedRows),
      (words.open, counts.open),
      (words.won, counts.won),
      (words.lost, counts.lost),
      (words.excluded, counts.excluded),
      (words.closedBeforeWindow, counts.closedBeforeWindow),
      (words.population, counts.population),
    ]
    return ReportTable(
      headers: [words.dealsOverview, words.valueHeader],
      rows: rows.map {
        [ReportTable.Cell(text: $0.0), ReportTable.Cell(text: format.count($0.1), isNumber: true)]
      })
  }

  var funnelTable: ReportTable {
    let rows = analysis.overallFunnel.stages.map { stage in
      [
        ReportTable.Cell(text: "\(stage.stage). \(stageName(stage.stage))"),
        ReportTable.Cell(text: format.count(stage.visited), isNumber: true),
        ReportTable.Cell(text: format.count(stage.reached), isNumber: true),
        ReportTable.Cell(text: format.count(stage.censored), isNumber: true),
        ReportTable.Cell(text: format.rate(stage.advanceRate), isNumber: true),
        ReportTable.Cell(
          text: "\(format.count(stage.won)) / \(format.count(stage.lost))", isNumber: true),
        ReportTable.Cell(
          text: format.rate(analysis.lossesMissing ? nil : stage.winRate), isNumber: true),
        ReportTable.Cell(
          text: format.rate(analysis.lossesMissing ? nil : stage.winRateByAmount), isNumber: true),
      ]
    }
    return ReportTable(
      headers: [
        words.stage, words.visited, words.reached, words.censored, words.advanceRate,
        "\(words.won) / \(words.lost)", words.winRate, words.winRateByAmount,
      ],
      rows: rows)
  }

  var winProbabilityTable: ReportTable {
    let rows = Grade.allCases.map { grade -> [ReportTable.Cell] in
      let track = configuration.grades.track(of: grade)
      var cells = [
        ReportTable.Cell(
          text: "\(grade.rawValue)（\(words.trackName(track))）".replacingParenthesesFor(language))
      ]
      for stage in 1...configuration.stageCount {
        let entry = analysis.probabilities.entry(grade: grade, stage: stage)
        let mark = entry.source == .configured ? words.configuredMark : ""
        cells.append(ReportTable.Cell(text: format.rate(entry.probability) + mark, isNumber: true))
      }
      return cells
    }
    return ReportTable(
      headers: [words.grade] + (1...configuration.stageCount).map(stageName), rows: rows)
  }

  /// The owners' mean probability of their open deals per grade and stage, with the deals behind it.
  var ownerProbabilityTable: ReportTable {
    let rows = Grade.allCases.map { grade -> [ReportTable.Cell] in
      [ReportTable.Cell(text: grade.rawValue)]
        + (1...configuration.stageCount).map { stage in
          let deals = analysis.ownerProbabilities.deals[grade.rank][stage - 1]
          guard let mean = analysis.ownerProbabilities.mean(grade: grade, stage: stage) else {
            return ReportTable.Cell(text: words.none, isNumber: true)
          }
          return ReportTable.Cell(
            text: "\(format.rate(mean)) (\(format.count(deals)))", isNumber: true)
        }
    }
    return ReportTable(
      headers: [words.grade] + (1...configuration.stageCount).map(stageName), rows: rows)
  }

  /// The sentence before the owners' probability table.
  var ownerProbabilityNote: String {
    language == .zhCN
      ? "销售自报赢率：在途商机按等级和当前阶段取平均（括号内为商机笔数），可与上表实测赢率对照。预测以实测赢率为准。"
      : "The owners' own probability: the mean over open deals by grade and current stage (deals in brackets), to set beside the measured p̂ above. The forecast uses p̂."
  }

  /// Sentences under the forecast table for the columns it shows.
  var forecastNotes: [String] {
    var notes: [String] = []
    if hasOwnersCall { notes.append(words.ownersCallNote) }
    if !analysis.targets.months.isEmpty {
      let required = analysis.targets.requiredCoverage.map {
        NumberFormatting.fixed($0, decimals: 2) + "×"
      }
      notes.append(words.coverageNote(required ?? words.none))
    }
    return notes
  }

  /// Whether any open deal carries the owner's probability, so the owners' call has a column.
  var hasOwnersCall: Bool {
    analysis.forecast.lines.contains { $0.total.dealsWithOwnerProbability > 0 }
  }

  var forecastTable: ReportTable {
    let targets = Dictionary(uniqueKeysWithValues: analysis.targets.months.map { ($0.month, $0) })
    let showsTargets = !targets.isEmpty
    let rows = analysis.forecast.lines.map { line -> [ReportTable.Cell] in
      let figures = line.total
      let range = analysis.range.line(for: line.period)
      let simulated = line.period != .undated
      var extra: [ReportTable.Cell] = []
      if hasOwnersCall {
        extra.append(ReportTable.Cell(text: format.amount(figures.ownerExpected), isNumber: true))
      }
      if showsTargets {
        var target: TargetFigures?
        if case .month(let month) = line.period { target = targets[month] }
        extra.append(
          ReportTable.Cell(
            text: target.map { format.amount($0.target) } ?? words.none, isNumber: true))
        extra.append(
          ReportTable.Cell(text: target.map { format.amount($0.gap) } ?? words.none, isNumber: true)
        )
        extra.append(
          ReportTable.Cell(
            text: target?.coverage.map { NumberFormatting.fixed($0, decimals: 2) + "×" }
              ?? words.none,
            isNumber: true))
      }
      return [
        ReportTable.Cell(text: words.periodName(line.period, format)),
        ReportTable.Cell(text: format.count(figures.openDeals), isNumber: true),
        ReportTable.Cell(text: format.amount(figures.pipeline), isNumber: true),
        ReportTable.Cell(text: format.amount(figures.expected), isNumber: true),
        ReportTable.Cell(text: format.amount(figures.wonSoFar), isNumber: true),
        ReportTable.Cell(text: format.amount(figures.landing), isNumber: true),
        // On the landing's basis: the amount won so far plus the simulated open deals.
        ReportTable.Cell(
          text: simulated ? format.amount(figures.wonSoFar + range.p10) : words.none, isNumber: true
        ),
        ReportTable.Cell(
          text: simulated ? format.amount(figures.wonSoFar + range.p50) : words.none, isNumber: true
        ),
        ReportTable.Cell(
          text: simulated ? format.amount(figures.wonSoFar + range.p90) : words.none, isNumber: true
        ),
        ReportTable.Cell(text: format.count(figures.notValuedDeals), isNumber: true),
      ] + extra
    }
    var headers = [
      words.period, words.openDeals, words.pipeline, words.expected, words.wonSoFar,
      words.landing, "P10", "P50", "P90", words.notValued,
    ]
    if hasOwnersCall { headers.append(words.ownersCall) }
    if showsTargets { headers += [words.target, words.gap, words.coverage] }
    return ReportTable(headers: headers, rows: rows)
  }

  /// Forecast by grade: expected value per line and grade.
  var forecastByGradeTable: ReportTable {
    let rows = analysis.forecast.lines.map { line -> [ReportTable.Cell] in
      [ReportTable.Cell(text: words.periodName(line.period, format))]
        + Grade.allCases.map { grade in
          ReportTable.Cell(text: format.amount(line.byGrade[grade]?.expected ?? 0), isNumber: true)
        }
    }
    return ReportTable(
      headers: ["\(words.period) · \(words.expected)"] + Grade.allCases.map(\.rawValue), rows: rows)
  }

  /// The owners' call by forecast category beside the measured forecast, per line.
  var categoriesTable: ReportTable {
    let zh = language == .zhCN
    let headers =
      zh
      ? ["期间", "已赢单", "承诺", "最佳情况", "管道", "排除", "承诺预测", "最佳情况预测", "在手管道", "stagecast 预测"]
      : [
        "Period", "Closed", "Commit", "Best case", "Pipeline", "Omitted", "Commit forecast",
        "Best case forecast", "Open pipeline", "stagecast forecast",
      ]
    let rows = zip(analysis.categories.lines, analysis.forecast.lines).map {
      categories, line -> [ReportTable.Cell] in
      let figures = [
        categories.amount(.closed), categories.amount(.commit), categories.amount(.bestCase),
        categories.amount(.pipeline), categories.amount(.omitted), categories.commitForecast,
        categories.bestCaseForecast, categories.openPipeline, line.total.landing,
      ]
      return [ReportTable.Cell(text: words.periodName(line.period, format))]
        + figures.map { ReportTable.Cell(text: format.amount($0), isNumber: true) }
    }
    return ReportTable(headers: headers, rows: rows)
  }

  /// Owner and region targets against their own forecast, from a targets file.
  var dimensionTargetsTable: ReportTable {
    let zh = language == .zhCN
    let headers =
      zh
      ? ["维度", "名称", "月份", "目标", "已赢单", "预计完成", "差额", "管道覆盖", "所需覆盖"]
      : [
        "By", "Name", "Month", "Target", "Won so far", "Landing", "Gap", "Coverage",
        "Coverage needed",
      ]
    func multiple(_ value: Double?) -> String {
      value.map { NumberFormatting.fixed($0, decimals: 2) + "×" } ?? words.none
    }
    let rows = analysis.targets.byDimension.map { row -> [ReportTable.Cell] in
      let dimension =
        switch row.dimension {
        case .owner: zh ? "负责人" : "Owner"
        case .region: zh ? "区域" : "Region"
        case .product: zh ? "产品" : "Product"
        }
      return [
        ReportTable.Cell(text: dimension), ReportTable.Cell(text: row.value, isInput: true),
        ReportTable.Cell(text: format.month(row.month)),
        ReportTable.Cell(text: format.amount(row.target), isNumber: true),
        ReportTable.Cell(text: format.amount(row.wonSoFar), isNumber: true),
        ReportTable.Cell(text: format.amount(row.landing), isNumber: true),
        ReportTable.Cell(text: format.amount(row.gap), isNumber: true),
        ReportTable.Cell(text: multiple(row.coverage), isNumber: true),
        ReportTable.Cell(text: multiple(row.requiredCoverage), isNumber: true),
      ]
    }
    return ReportTable(headers: headers, rows: rows)
  }

  /// The sentence before the owner and region targets.
  var dimensionTargetsNote: String {
    language == .zhCN
      ? "按负责人和区域的目标：预计完成 = 已赢单 + 该负责人或区域预计当月签约商机的金额 × 赢率；管道覆盖 = 在手管道 ÷（目标 − 已赢单）；所需覆盖 = 1 ÷ 其自身赢率。"
      : "Targets by owner and region: landing = won so far + amount × p̂ of their deals expected to close in the month; coverage = open pipeline ÷ (target − won so far); coverage needed = 1 ÷ their own win rate."
  }

  /// The sales velocity and its four parts, as a sentence.
  var salesVelocityNote: String {
    let velocity = analysis.salesVelocity
    let size = velocity.averageWonAmount.map(format.amount) ?? words.none
    let rate = format.rate(velocity.winRate)
    let cycle =
      velocity.averageCycleDays.map { NumberFormatting.fixed($0, decimals: 1) } ?? words.none
    let perDay = velocity.perDay.map(format.amount) ?? words.none
    let perMonth = velocity.perMonth.map(format.amount) ?? words.none
    return language == .zhCN
      ? "销售速度：在途商机 \(format.count(velocity.openDeals)) 笔 × 平均赢单金额 \(size) × 赢率 \(rate) ÷ 平均销售周期 \(cycle) 天 = 每天 \(perDay)（每 30 天 \(perMonth)）。平均赢单金额和销售周期取统计窗口内的赢单商机。"
      : "Sales velocity: \(format.count(velocity.openDeals)) open deals × average won deal \(size) × win rate \(rate) ÷ average sales cycle \(cycle) days = \(perDay) per day (\(perMonth) per 30 days). The average won deal and the cycle come from the deals won in the window."
  }

  /// The sentence before the categories table.
  var categoriesNote: String {
    language == .zhCN
      ? "销售自报的预测类别（共 \(format.count(analysis.categories.categorizedDeals)) 笔在途商机）。承诺预测 = 已赢单 + 承诺；最佳情况预测 = 承诺预测 + 最佳情况；在手管道 = 承诺 + 最佳情况 + 管道，不含排除。报告以 stagecast 实测预测为准，这里的数字仅供对照。"
      : "The owners' own forecast categories (\(format.count(analysis.categories.categorizedDeals)) open deals). Commit forecast = closed + commit; best case forecast = commit forecast + best case; open pipeline = commit + best case + pipeline, omitted left out. The measured stagecast forecast drives the report; these figures are shown beside it."
  }

  var auditCountsTable: ReportTable {
    let rows = [GradeFinding.upgrade, .downgrade, .partnerMismatch, .skippedStage].map { finding in
      [
        ReportTable.Cell(text: words.findingName(finding)),
        ReportTable.Cell(text: format.count(analysis.audit.count(finding)), isNumber: true),
      ]
    }
    return ReportTable(headers: [words.finding, words.valueHeader], rows: rows)
  }

  /// Flagged audit items (downgrades, partner mismatches, skipped stages), capped.
  var auditItemsTable: (table: ReportTable, total: Int) {
    // Upgrades are allowed but listed too, so every grade set by hand is in view.
    let flagged = analysis.audit.items
    let rows = flagged.prefix(ReportContext.listLimit).map { item -> [ReportTable.Cell] in
      let deal = analysis.opportunities[item.opportunity]
      return [
        ReportTable.Cell(text: deal.owner ?? words.none, isInput: deal.owner != nil),
        ReportTable.Cell(text: deal.id, isInput: true),
        ReportTable.Cell(text: words.findingName(item.finding)),
        ReportTable.Cell(text: item.recorded?.rawValue ?? words.none),
        ReportTable.Cell(text: item.computed?.rawValue ?? words.none),
        ReportTable.Cell(
          text: item.skippedStages.isEmpty
            ? words.none : item.skippedStages.map(stageName).joined(separator: ", ")),
      ]
    }
    return (
      ReportTable(
        headers: [
          words.owner, words.dealID, words.finding, words.recordedGrade, words.computedGrade,
          words.skippedStages,
        ],
        rows: Array(rows)),
      flagged.count
    )
  }

  var overdueTable: (table: ReportTable, total: Int) {
    let overdue = overdueDeals
    let rows = overdue.prefix(ReportContext.listLimit).map { state -> [ReportTable.Cell] in
      let deal = analysis.opportunities[state.opportunity]
      let expected = deal.expectedCloseOn ?? analysis.asOf
      return [
        ReportTable.Cell(text: deal.id, isInput: true),
        ReportTable.Cell(text: deal.name ?? words.none, isInput: deal.name != nil),
        ReportTable.Cell(text: deal.account ?? words.none, isInput: deal.account != nil),
        ReportTable.Cell(text: deal.owner ?? words.none, isInput: deal.owner != nil),
        ReportTable.Cell(text: state.grade.rawValue),
        ReportTable.Cell(text: stageName(state.currentStage)),
        ReportTable.Cell(text: deal.amount.map(format.amount) ?? words.none, isNumber: true),
        ReportTable.Cell(text: format.date(expected)),
        ReportTable.Cell(
          text: String(analysis.asOf.daysSinceEpoch - expected.daysSinceEpoch), isNumber: true),
      ]
    }
    return (
      ReportTable(
        headers: [
          words.dealID, words.dealName, words.account, words.owner, words.grade, words.stage,
          words.amount, words.expectedClose, words.daysOverdue,
        ],
        rows: Array(rows)),
      overdue.count
    )
  }

  /// Rows of a breakdown shown in the page; breakdown.csv has them all.
  static let breakdownLimit = 20

  /// The breakdown tables that have more than one value, with their row counts.
  var breakdownTables: [(table: ReportTable, total: Int)] {
    BreakdownDimension.allCases.compactMap { dimension in
      guard let rows = analysis.breakdowns.rows[dimension],
        rows.count > 1 || rows.first?.value != nil
      else {
        return nil
      }
      let cells = rows.prefix(ReportContext.breakdownLimit).map { row -> [ReportTable.Cell] in
        [
          ReportTable.Cell(text: row.value ?? words.emptyValue, isInput: row.value != nil),
          ReportTable.Cell(text: format.count(row.openDeals), isNumber: true),
          ReportTable.Cell(text: format.amount(row.pipeline), isNumber: true),
          ReportTable.Cell(text: format.amount(row.expected), isNumber: true),
          ReportTable.Cell(text: format.amount(row.wonAmount), isNumber: true),
          ReportTable.Cell(
            text: format.rate(analysis.lossesMissing ? nil : row.winRate), isNumber: true),
          ReportTable.Cell(text: format.count(row.won + row.lost), isNumber: true),
        ]
      }
      let table = ReportTable(
        headers: [
          words.dimensionName(dimension), words.openDeals, words.pipeline, words.expected,
          words.won,
          words.winRate, words.resolved,
        ],
        rows: Array(cells))
      return (table, rows.count)
    }
  }

  var velocityTable: ReportTable {
    let rows = analysis.velocity.stages.map { stage -> [ReportTable.Cell] in
      [
        ReportTable.Cell(text: "\(stage.stage). \(stageName(stage.stage))"),
        ReportTable.Cell(text: format.count(stage.completedStays), isNumber: true),
        ReportTable.Cell(
          text: stage.medianDays.map { NumberFormatting.fixed($0, decimals: 1) } ?? words.none,
          isNumber: true),
        ReportTable.Cell(
          text: stage.p90Days.map { NumberFormatting.fixed($0, decimals: 0) } ?? words.none,
          isNumber: true),
        ReportTable.Cell(text: stage.maximumDays.map(String.init) ?? words.none, isNumber: true),
      ]
    }
    return ReportTable(
      headers: [words.stage, words.completedStays, words.medianDays, words.p90Days, words.maxDays],
      rows: rows)
  }

  /// Median days in each stage per grade, with the stays behind each median.
  var velocityByGradeTable: ReportTable {
    let rows = analysis.velocity.stages.map { stage -> [ReportTable.Cell] in
      [ReportTable.Cell(text: "\(stage.stage). \(stageName(stage.stage))")]
        + Grade.allCases.map { grade in
          guard let stays = stage.byGrade[grade], let median = stays.medianDays else {
            return ReportTable.Cell(text: words.none, isNumber: true)
          }
          return ReportTable.Cell(
            text:
              "\(NumberFormatting.fixed(median, decimals: 1)) (\(format.count(stays.completedStays)))",
            isNumber: true)
        }
    }
    let title = language == .zhCN ? "停留天数中位数（笔数）" : "Median days (stays)"
    return ReportTable(
      headers: ["\(words.stage) · \(title)"] + Grade.allCases.map(\.rawValue), rows: rows)
  }

  var stalledTable: (table: ReportTable, total: Int) {
    let stalled = analysis.velocity.stalled
    let rows = stalled.prefix(ReportContext.listLimit).map { item -> [ReportTable.Cell] in
      let deal = analysis.opportunities[item.opportunity]
      return [
        ReportTable.Cell(text: deal.id, isInput: true),
        ReportTable.Cell(text: deal.name ?? words.none, isInput: deal.name != nil),
        ReportTable.Cell(text: deal.owner ?? words.none, isInput: deal.owner != nil),
        ReportTable.Cell(text: stageName(item.stage)),
        ReportTable.Cell(text: format.count(item.daysInStage), isNumber: true),
        ReportTable.Cell(text: format.count(item.limitDays), isNumber: true),
      ]
    }
    return (
      ReportTable(
        headers: [
          words.dealID, words.dealName, words.owner, words.stage, words.daysInStage,
          words.limitDays,
        ],
        rows: Array(rows)),
      stalled.count
    )
  }

  var missingFieldsTable: (table: ReportTable, total: Int) {
    let items = analysis.requiredFields.items
    let rows = items.prefix(ReportContext.listLimit).map { item -> [ReportTable.Cell] in
      let deal = analysis.opportunities[item.opportunity]
      let state = analysis.states[item.opportunity]
      return [
        ReportTable.Cell(text: deal.owner ?? words.none, isInput: deal.owner != nil),
        ReportTable.Cell(text: deal.id, isInput: true),
        ReportTable.Cell(text: stageName(state.currentStage)),
        ReportTable.Cell(
          text: item.fields.map(fieldName).joined(separator: language == .zhCN ? "、" : ", ")),
      ]
    }
    return (
      ReportTable(
        headers: [words.owner, words.dealID, words.stage, words.missingFields], rows: Array(rows)),
      items.count
    )
  }

  var rejectsTable: (table: ReportTable, total: Int) {
    let rejects = analysis.input.rejects
    let rows = rejects.prefix(ReportContext.listLimit).map { reject -> [ReportTable.Cell] in
      [
        ReportTable.Cell(text: "\(reject.file):\(reject.line)", isInput: true),
        ReportTable.Cell(text: reject.column, isInput: true),
        ReportTable.Cell(text: reject.value, isInput: true),
        ReportTable.Cell(text: Messages.reason(reject.reason, language: language)),
        ReportTable.Cell(text: reject.isRowKept ? words.yes : words.no),
      ]
    }
    return (
      ReportTable(
        headers: [words.line, words.column, words.value, words.reason, words.rowKept],
        rows: Array(rows)),
      rejects.count
    )
  }

  var frameworkTable: ReportTable {
    let rows = configuration.stages.map { stage -> [ReportTable.Cell] in
      func list(_ items: [LocalizedText]) -> String {
        items.isEmpty
          ? words.none
          : items.map { $0.text(language) }.joined(separator: language == .zhCN ? "；" : "; ")
      }
      return [
        ReportTable.Cell(text: "\(stage.index). \(stage.name.text(language))"),
        ReportTable.Cell(
          text: stage.requiredFields.isEmpty
            ? words.none : stage.requiredFields.joined(separator: ", ")),
        ReportTable.Cell(text: list(stage.tasks)),
        ReportTable.Cell(text: list(stage.processes)),
        ReportTable.Cell(text: list(stage.people)),
        ReportTable.Cell(text: stage.maxDaysInStage.map(String.init) ?? words.none, isNumber: true),
      ]
    }
    return ReportTable(
      headers: [
        words.stage, words.requiredFields, words.tasks, words.processes, words.people,
        words.maxDays,
      ],
      rows: rows)
  }
}

extension String {
  /// Full-width parentheses in zh-CN text, ASCII ones with a space in English.
  fileprivate func replacingParenthesesFor(_ language: ReportLanguage) -> String {
    guard language == .en else { return self }
    return replacingAll("（", with: " (").replacingAll("）", with: ")")
  }
}

extension ReportContext {
  /// Returns a canonical field's name in the report's language.
  func fieldName(_ name: String) -> String {
    guard let field = OpportunityField(rawValue: name) else { return name }
    let names: [OpportunityField: LocalizedText] = [
      .id: LocalizedText(zh: "商机编号", en: "id"), .name: LocalizedText(zh: "商机名称", en: "name"),
      .account: LocalizedText(zh: "客户名称", en: "account"),
      .owner: LocalizedText(zh: "负责人", en: "owner"),
      .region: LocalizedText(zh: "区域", en: "region"),
      .product: LocalizedText(zh: "产品", en: "product"),
      .industry: LocalizedText(zh: "行业", en: "industry"),
      .amount: LocalizedText(zh: "商机金额", en: "amount"),
      .currency: LocalizedText(zh: "币种", en: "currency"),
      .stage: LocalizedText(zh: "商机阶段", en: "stage"),
      .status: LocalizedText(zh: "商机状态", en: "status"),
      .ledBy: LocalizedText(zh: "主导方", en: "led by"),
      .grade: LocalizedText(zh: "商机等级", en: "grade"),
      .probability: LocalizedText(zh: "赢率", en: "probability"),
      .forecastCategory: LocalizedText(zh: "预测类别", en: "forecast category"),
      .createdOn: LocalizedText(zh: "创建日期", en: "created on"),
      .expectedCloseOn: LocalizedText(zh: "预计签约日期", en: "expected close"),
      .closedOn: LocalizedText(zh: "关闭日期", en: "closed on"),
      .stageEnteredOn: LocalizedText(zh: "进入当前阶段日期", en: "stage entered on"),
      .lostAtStage: LocalizedText(zh: "输单阶段", en: "lost at stage"),
      .active: LocalizedText(zh: "是否有效", en: "active"),
    ]
    return names[field]?.text(language) ?? name
  }
}
