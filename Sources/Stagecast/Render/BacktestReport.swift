/// The files of `stagecast backtest`: backtest.md for people, and
/// backtest.csv and backtest_calibration.csv for analysts.
public enum BacktestReport {
  /// Names of the files `render` writes.
  public static let fileNames = ["backtest.md", "backtest.csv", "backtest_calibration.csv"]

  /// Formats the scores in a few lines for the terminal.
  public static func summary(_ backtest: Backtest, language: ReportLanguage) -> String {
    let format = NumberFormatting(language: language, currency: "")
    let month = backtest.monthAccuracy
    let baseline = backtest.monthBaselineAccuracy
    let ratio =
      month.mape.flatMap { measured in
        baseline.mape.flatMap { $0 > 0 ? NumberFormatting.fixed(measured / $0, decimals: 2) : nil }
      } ?? "–"
    if language == .zhCN {
      return """
        下月预测 MAPE：stagecast \(format.rate(month.mape))，阶段配置赢率 \(format.rate(baseline.mape))（比值 \(ratio)）；\
        P10–P90 命中 \(backtest.monthsInRange)/\(backtest.completeMonths) 个月。
        Brier 分数：实测 \(backtest.measuredScore.brier.map { NumberFormatting.fixed($0, decimals: 4) } ?? "–")，\
        配置 \(backtest.baselineScore.brier.map { NumberFormatting.fixed($0, decimals: 4) } ?? "–")。

        """
    }
    return """
      Next-month MAPE: stagecast \(format.rate(month.mape)), configured stage probabilities \(format.rate(baseline.mape)) (ratio \(ratio)); \
      outcome within P10–P90 in \(backtest.monthsInRange) of \(backtest.completeMonths) months.
      Brier score: measured \(backtest.measuredScore.brier.map { NumberFormatting.fixed($0, decimals: 4) } ?? "–"), \
      configured \(backtest.baselineScore.brier.map { NumberFormatting.fixed($0, decimals: 4) } ?? "–").

      """
  }

  /// Renders every file of a backtest in `language`.
  public static func render(
    _ backtest: Backtest, language: ReportLanguage, currency: String
  ) -> [ReportFile] {
    [
      ReportFile(
        name: "backtest.md", text: markdown(backtest, language: language, currency: currency)),
      ReportFile(name: "backtest.csv", text: periodsCSV(backtest)),
      ReportFile(name: "backtest_calibration.csv", text: calibrationCSV(backtest)),
    ]
  }

  // MARK: The report's methodology section

  /// Returns the subsection's heading.
  static func heading(_ language: ReportLanguage) -> String {
    language == .zhCN ? "预测回测" : "Backtest"
  }

  /// Describes in one sentence what was replayed, naming the files with the details.
  static func reportNote(_ backtest: Backtest, language: ReportLanguage) -> String {
    let format = NumberFormatting(language: language, currency: "")
    let first = backtest.replays.first.map(format.date) ?? "–"
    let last = backtest.replays.last.map(format.date) ?? "–"
    return language == .zhCN
      ? "以\(first)至\(last)共 \(backtest.replays.count) 个月末为截止日重算预测，与之后的实际赢单对比。逐月明细见 backtest.csv，赢率校准见 backtest_calibration.csv。"
      : "Forecasts replayed as of \(backtest.replays.count) month-ends from \(first) to \(last) and compared with what was then won. Month by month in backtest.csv, calibration in backtest_calibration.csv."
  }

  /// The scores of each method, next month and next three months.
  static func scoresTable(_ backtest: Backtest, language: ReportLanguage) -> ReportTable {
    let words = BacktestWords(language: language)
    let format = NumberFormatting(language: language, currency: "")
    func row(_ name: String, _ accuracy: BacktestAccuracy, held: Int?, complete: Int)
      -> [ReportTable.Cell]
    {
      [
        .init(text: name), .init(text: format.rate(accuracy.mape), isNumber: true),
        .init(text: format.rate(accuracy.bias), isNumber: true),
        .init(text: held.map { "\($0) / \(complete)" } ?? "–", isNumber: true),
        .init(text: String(accuracy.scoredPeriods), isNumber: true),
      ]
    }
    return ReportTable(
      headers: words.scoresHeader,
      rows: [
        row(
          words.measuredMonth, backtest.monthAccuracy, held: backtest.monthsInRange,
          complete: backtest.completeMonths),
        row(words.lineMonth, backtest.monthLineAccuracy, held: nil, complete: 0),
        row(words.baselineMonth, backtest.monthBaselineAccuracy, held: nil, complete: 0),
        row(
          words.measuredQuarter, backtest.quarterAccuracy, held: backtest.quartersInRange,
          complete: backtest.completeQuarters),
        row(words.lineQuarter, backtest.quarterLineAccuracy, held: nil, complete: 0),
        row(words.baselineQuarter, backtest.quarterBaselineAccuracy, held: nil, complete: 0),
      ])
  }

  /// Builds the scores for summary.json, keyed by stable ids.
  static func summary(_ backtest: Backtest) -> JSONValue {
    func accuracy(_ value: BacktestAccuracy) -> JSONValue {
      .object([
        ("mape", .number(value.mape)),
        ("bias", .number(value.bias)),
        ("scoredPeriods", .count(value.scoredPeriods)),
      ])
    }
    func score(_ value: ProbabilityScore) -> JSONValue {
      .object([
        ("brier", .number(value.brier)),
        ("scoredDeals", .count(value.scoredDeals)),
      ])
    }
    return .object([
      ("replays", .array(backtest.replays.map { .string($0.isoString) })),
      ("timingMonths", .count(Backtest.timingMonths)),
      (
        "nextMonth",
        .object([
          ("forecast", accuracy(backtest.monthAccuracy)),
          ("byExpectedClose", accuracy(backtest.monthLineAccuracy)),
          ("configured", accuracy(backtest.monthBaselineAccuracy)),
          ("inRange", .count(backtest.monthsInRange)),
          ("complete", .count(backtest.completeMonths)),
        ])
      ),
      (
        "nextThreeMonths",
        .object([
          ("forecast", accuracy(backtest.quarterAccuracy)),
          ("byExpectedClose", accuracy(backtest.quarterLineAccuracy)),
          ("configured", accuracy(backtest.quarterBaselineAccuracy)),
          ("inRange", .count(backtest.quartersInRange)),
          ("complete", .count(backtest.completeQuarters)),
        ])
      ),
      ("measured", score(backtest.measuredScore)),
      ("configured", score(backtest.baselineScore)),
    ])
  }

  // MARK: CSV

  /// Writes one row per replayed month-end and window (next month, next three months).
  static func periodsCSV(_ backtest: Backtest) -> String {
    var text =
      CSVTables.byteOrderMark
      + "as_of,window,first_month,months,open_deals,forecast,new_deals,line_forecast,baseline,"
      + "p10,p50,p90,actual,actual_from_pipeline,in_range,complete\n"
    for period in backtest.months + backtest.quarters {
      let fields = [
        period.asOf.isoString, period.months == 1 ? "month" : "quarter",
        Day.monthLabel(period.firstMonth), String(period.months), String(period.openDeals),
        number(period.forecast), number(period.newDeals), number(period.lineForecast),
        number(period.baseline), number(period.p10),
        number(period.p50), number(period.p90), number(period.actual),
        number(period.actualFromPipeline), period.rangeHeld ? "1" : "0",
        period.isComplete ? "1" : "0",
      ]
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  /// The reliability tables of both methods, one row per method and decile.
  static func calibrationCSV(_ backtest: Backtest) -> String {
    var text =
      CSVTables.byteOrderMark + "method,bin_from,bin_to,deals,mean_probability,won,won_rate\n"
    for (method, score) in [
      ("measured", backtest.measuredScore), ("baseline", backtest.baselineScore),
    ] {
      for bin in score.bins {
        let fields = [
          method, number(bin.lower), number(bin.lower + 0.1), String(bin.deals),
          number(bin.meanProbability), String(bin.won), number(bin.wonRate),
        ]
        text += fields.joined(separator: ",") + "\n"
      }
    }
    return text
  }

  private static func number(_ value: Double?) -> String { NumberFormatting.machine(value) }

  // MARK: Markdown

  /// Renders the backtest for people: the scores first, then every window and the reliability tables.
  public static func markdown(
    _ backtest: Backtest, language: ReportLanguage, currency: String
  ) -> String {
    let words = BacktestWords(language: language)
    let format = NumberFormatting(language: language, currency: currency)
    var lines: [String] = []

    lines.append("# \(words.title)")
    lines.append("")
    lines.append(
      words.scope(
        first: backtest.replays.first.map(format.date) ?? "–",
        last: backtest.replays.last.map(format.date) ?? "–",
        replays: backtest.replays.count, dataAsOf: format.date(backtest.dataAsOf),
        runs: backtest.runs))
    lines.append("")

    lines.append("## \(words.scoresHeading)")
    lines.append("")
    // The table ends with a line break, which gives the blank line after it.
    lines.append(MarkdownReport.table(scoresTable(backtest, language: language)))
    lines.append(
      words.brier(
        measured: backtest.measuredScore.brier.map { NumberFormatting.fixed($0, decimals: 4) }
          ?? "–",
        baseline: backtest.baselineScore.brier.map { NumberFormatting.fixed($0, decimals: 4) }
          ?? "–",
        deals: format.count(backtest.measuredScore.scoredDeals)))
    lines.append("")

    for (heading, periods) in [
      (words.monthsHeading, backtest.months), (words.quartersHeading, backtest.quarters),
    ] {
      lines.append("## \(heading)")
      lines.append("")
      lines.append("| \(words.periodHeader.joined(separator: " | ")) |")
      lines.append("|" + String(repeating: " ---: |", count: words.periodHeader.count))
      for period in periods {
        let window =
          period.months == 1
          ? format.month(period.firstMonth)
          : "\(format.month(period.firstMonth)) – \(format.month(period.firstMonth + 2))"
        var held = words.incomplete
        if period.isComplete { held = period.rangeHeld ? words.yes : words.no }
        lines.append(
          "| \(format.date(period.asOf)) | \(window) | \(format.count(period.openDeals)) | "
            + "\(format.amount(period.forecast)) | \(format.amount(period.lineForecast)) | "
            + "\(format.amount(period.baseline)) | "
            + "\(format.amount(period.p10)) – \(format.amount(period.p90)) | "
            + "\(format.amount(period.actual)) | \(held) |")
      }
      lines.append("")
    }

    lines.append("## \(words.calibrationHeading)")
    lines.append("")
    lines.append(words.calibrationNote)
    lines.append("")
    lines.append("| \(words.calibrationHeader.joined(separator: " | ")) |")
    lines.append("|" + String(repeating: " ---: |", count: words.calibrationHeader.count))
    for (measured, baseline) in zip(backtest.measuredScore.bins, backtest.baselineScore.bins) {
      let bin = "\(Int(measured.lower * 100))–\(Int(measured.lower * 100) + 10)%"
      lines.append(
        "| \(bin) | \(format.count(measured.deals)) | \(format.rate(measured.meanProbability)) | "
          + "\(format.rate(measured.wonRate)) | \(format.count(baseline.deals)) | "
          + "\(format.rate(baseline.meanProbability)) | \(format.rate(baseline.wonRate)) |")
    }
    lines.append("")

    lines.append("## \(words.methodHeading)")
    lines.append("")
    for paragraph in words.method {
      lines.append(paragraph)
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }
}

/// The words of the backtest page in one language.
private struct BacktestWords {
  let language: ReportLanguage

  private func pick(_ chinese: String, _ english: String) -> String {
    language == .zhCN ? chinese : english
  }

  var title: String { pick("预测回测", "Forecast backtest") }

  func scope(first: String, last: String, replays: Int, dataAsOf: String, runs: Int) -> String {
    pick(
      "以\(first)至\(last)共 \(replays) 个月末为截止日重算预测，与之后实际赢单对比；数据截至 \(dataAsOf)，区间按 \(runs) 次模拟计算。",
      "Forecasts replayed as of \(replays) month-ends from \(first) to \(last) and compared with what was then won; data as of \(dataAsOf), ranges from \(runs) simulation runs."
    )
  }

  var scoresHeading: String { pick("准确度", "Accuracy") }
  var scoresHeader: [String] {
    language == .zhCN
      ? ["预测方法", "平均绝对百分比误差（MAPE）", "平均偏差", "P10–P90 区间命中", "参与评分的期数"]
      : ["Method", "MAPE", "Bias", "Outcome within P10–P90", "Periods scored"]
  }
  var measuredMonth: String {
    pick("stagecast（实测赢率 + 实测签约时间）· 下月", "stagecast (measured p̂ and timing) · next month")
  }
  var lineMonth: String {
    pick("实测赢率 × 预计签约月 · 下月", "Measured p̂ by expected close month · next month")
  }
  var lineQuarter: String {
    pick("实测赢率 × 预计签约月 · 未来三个月", "Measured p̂ by expected close month · next three months")
  }
  var baselineMonth: String {
    pick("按阶段配置赢率加权 · 下月", "Configured stage probabilities · next month")
  }
  var measuredQuarter: String {
    pick("stagecast（实测赢率 + 实测签约时间）· 未来三个月", "stagecast (measured p̂ and timing) · next three months")
  }
  var baselineQuarter: String {
    pick("按阶段配置赢率加权 · 未来三个月", "Configured stage probabilities · next three months")
  }

  func brier(measured: String, baseline: String, deals: String) -> String {
    pick(
      "单笔商机的 Brier 分数（越低越好）：实测赢率 \(measured)，阶段配置赢率 \(baseline)；共 \(deals) 笔次（回测日在途、之后已赢单或输单的商机）。",
      "Brier score per deal (lower is better): measured p̂ \(measured), configured stage probabilities \(baseline); \(deals) deal forecasts (deals open on a replayed date and since won or lost)."
    )
  }

  var monthsHeading: String {
    pick("逐月：下月预测与实际", "Month by month: next month's forecast and outcome")
  }
  var quartersHeading: String { pick("逐月：未来三个月预测与实际", "Month by month: the next three months") }
  var periodHeader: [String] {
    language == .zhCN
      ? [
        "回测截止日", "预测期间", "预计本期签约的商机", "stagecast 预测", "按预计签约月", "按配置赢率", "P10–P90", "实际赢单", "落入区间",
      ]
      : [
        "Replayed as of", "Window", "Deals expected to close", "stagecast forecast",
        "By expected close month",
        "Configured probabilities", "P10–P90", "Won", "Within range",
      ]
  }
  var yes: String { pick("是", "yes") }
  var no: String { pick("否", "no") }
  var incomplete: String { pick("数据未覆盖", "not yet known") }

  var calibrationHeading: String { pick("赢率校准", "Calibration") }
  var calibrationNote: String {
    pick(
      "按给出的赢率分档，看每档商机最终的赢单比例：校准良好时两者接近。",
      "Deals grouped by the probability they were given, beside the share that was then won: for a well-calibrated method the two are close."
    )
  }
  var calibrationHeader: [String] {
    language == .zhCN
      ? ["赢率分档", "实测：商机笔次", "实测：平均赢率", "实测：实际赢单率", "配置：商机笔次", "配置：平均赢率", "配置：实际赢单率"]
      : [
        "Probability", "Measured: deals", "Measured: mean p", "Measured: won", "Configured: deals",
        "Configured: mean p", "Configured: won",
      ]
  }

  var methodHeading: String { pick("方法说明", "Method") }
  var method: [String] {
    language == .zhCN
      ? [
        "每个回测截止日都按当日重新计算：当日之后创建的商机不计，当日之后关闭的商机视为在途，晚于当日的阶段历史不用；赢率只用当日已知的赢单和输单测算。",
        "stagecast 预测：每笔在途商机的金额 × 实测赢率 × 所在预测行（逾期、各月、更晚、无日期）的实测落地比例，再加上回测日之后新建商机在该期间的平均赢单额。落地比例取回测日之前 \(Backtest.timingMonths) 个已结束的同长度期间：该行商机在期间内实际赢单金额 ÷ 金额 × 赢率之和。每个期间作为一个情景，预测取各情景平均，P10–P90 由各情景平分模拟次数得出，因此签约节奏的月度波动也计入区间。",
        "“按预计签约月”是报告中预测行的口径：预计签约日落在该期间的商机的金额 × 实测赢率之和；“按配置赢率”用相同商机、按阶段配置赢率加权，即 CRM 常见的加权管道。实际值为签约日落在该期间的全部赢单金额，包括回测日之后才创建的商机。",
        "一份导出不含金额、等级和预计签约日的变更记录，回测使用导出中的当前值：推迟过的商机按最终的预计签约日计入。要用当时的预计签约日回放，需要保存每月的导出。",
        "数据截止日之前尚未结束的期间只列出，不参与评分。MAPE 和偏差只统计实际赢单不为零的期间。",
      ]
      : [
        "Each replayed date is analysed as of that day: deals created later do not exist yet, deals closed later are open, and history after the day is ignored; win rates use only the wins and losses known on the day.",
        "The stagecast forecast weights each open deal's amount × p̂ by the share of its forecast line (overdue, each month, later, undated) that was won inside the window at the \(Backtest.timingMonths) earlier month-ends whose window of the same length had ended, and adds the mean amount that deals created after such a month-end won in it. Each of those month-ends is one scenario: the forecast is their mean, and the P10–P90 range gives each an equal share of the runs, so swings in timing from month to month widen the range.",
        "\"By expected close month\" is the report's forecast lines: amount × p̂ over the deals expected to close in the window. \"Configured probabilities\" weights the same deals with the configured stage probabilities, the weighted pipeline a CRM shows. The outcome is every deal won with a close date in the window, deals created after the replayed date included.",
        "One export carries no history of amounts, grades or expected close dates, so a replay uses today's values: a deal that slipped is forecast in the month its date finally moved to. Monthly exports kept over time would replay the dates of the time.",
        "Windows that end after the data's as-of date are shown and not scored. MAPE and bias skip windows with nothing won.",
      ]
  }
}
