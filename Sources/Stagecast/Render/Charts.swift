/// The report's charts as standalone SVG: no script, no external resource,
/// text in the report's language, and colours from one blue ramp so that
/// every shade stays apart in a black-and-white print and for colour-blind readers.
enum Charts {
  /// Five steps from dark to light, for grades A to E.
  static let gradeColours = ["#08306b", "#2171b5", "#6baed6", "#bdd7e7", "#eff3ff"]
  static let ink = "#1f2933"
  static let muted = "#6b7280"
  static let font = "font-family=\"'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif\""

  /// Every chart of the report: a file name stem and the SVG text.
  typealias Chart = (name: String, title: String, svg: String)

  static func all(_ context: ReportContext) -> [Chart] {
    var charts = [
      ("chart-funnel", funnelTitle(context), funnel(context)),
      ("chart-forecast", forecastTitle(context), forecast(context)),
      ("chart-win-probability", context.words.winProbabilitySection, winProbability(context)),
      ("chart-grade-mix", gradeMixTitle(context), gradeMix(context)),
    ]
    if context.analysis.velocity.stages.contains(where: { $0.medianDays != nil }) {
      charts.append(("chart-aging", agingTitle(context), aging(context)))
    }
    charts.append(("chart-utilization", utilizationTitle(context), utilization(context)))
    if context.analysis.trend.count > 1 {
      charts.append(("chart-trend", trendTitle(context), trend(context)))
    }
    if let comparison = context.analysis.sinceLastSnapshot {
      charts.append(("chart-waterfall", waterfallTitle(context), waterfall(comparison, context)))
    }
    return charts
  }

  // MARK: Pieces

  private static func document(width: Int, height: Int, title: String, _ body: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" \(font) font-size="12">
    <title>\(Escaping.html(title))</title>
    <rect width="\(width)" height="\(height)" fill="#ffffff"/>
    \(body)</svg>

    """
  }

  private static func text(
    _ value: String, x: Double, y: Double, anchor: String = "start", size: Int = 12,
    colour: String = ink, weight: String = "normal"
  ) -> String {
    "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(colour)\" font-weight=\"\(weight)\">\(Escaping.html(value))</text>\n"
  }

  private static func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String = "none"
  ) -> String {
    "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" height=\"\(number(max(0, height)))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.6\"/>\n"
  }

  private static func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String = ink, width: Double = 1
  )
    -> String
  {
    "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(colour)\" stroke-width=\"\(number(width))\"/>\n"
  }

  private static func number(_ value: Double) -> String {
    NumberFormatting.fixed(value, decimals: 1)
  }

  /// A cell colour for a share from 0 to 1 on the blue ramp, and the text colour that reads on it.
  private static func heat(_ share: Double) -> (fill: String, text: String) {
    let clamped = min(1, max(0, share))
    // From #f7fbff to #08306b.
    let from = (247.0, 251.0, 255.0)
    let to = (8.0, 48.0, 107.0)
    func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * clamped).rounded()) }
    let red = channel(from.0, to.0)
    let green = channel(from.1, to.1)
    let blue = channel(from.2, to.2)
    let hex = [red, green, blue].map { value -> String in
      let digits = String(value, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
    return ("#" + hex, clamped > 0.55 ? "#ffffff" : ink)
  }

  /// A round step for an axis that reaches `maximum` in about four steps.
  private static func step(for maximum: Double) -> Double {
    guard maximum > 0 else { return 1 }
    let raw = maximum / 4
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    for factor in [1.0, 2, 2.5, 5, 10] where magnitude * factor >= raw { return magnitude * factor }
    return magnitude * 10
  }

  /// A vertical amount axis from zero to a round top above `maximum`.
  private struct AmountAxis {
    var step: Double
    var top: Double
    var bottom: Double
    var plotHeight: Double

    init(maximum: Double, bottom: Double, plotHeight: Double) {
      step = Charts.step(for: maximum)
      top = step * (maximum / step).rounded(.up)
      self.bottom = bottom
      self.plotHeight = plotHeight
    }

    /// The vertical position of `value`.
    func y(_ value: Double) -> Double { top > 0 ? bottom - value / top * plotHeight : bottom }

    /// Draws a grid line and an amount label at each step, from `left` to `right`.
    func gridLines(left: Double, right: Double, format: NumberFormatting) -> String {
      var body = ""
      var tick = 0.0
      while tick <= top + step / 2, top > 0 {
        body += line(left, y(tick), right, y(tick), colour: "#e5e7eb")
        body += text(
          format.amount(tick), x: left - 6, y: y(tick) + 4, anchor: "end", size: 10, colour: muted)
        tick += step
      }
      return body
    }
  }

  // MARK: Funnel

  private static func funnelTitle(_ context: ReportContext) -> String {
    context.words.funnelSection
  }

  static func funnel(_ context: ReportContext) -> String {
    let stages = context.analysis.overallFunnel.stages
    let maximum = Double(stages.map(\.reached).max() ?? 0)
    let rowHeight = 30.0
    let width = 720
    let height = Int(40 + rowHeight * Double(stages.count) + 30)
    let left = 130.0
    let barWidth = 430.0
    var body = ""
    for (position, stage) in stages.enumerated() {
      let y = 30 + rowHeight * Double(position)
      body += text(context.stageName(stage.stage), x: left - 8, y: y + 15, anchor: "end")
      let reached = maximum > 0 ? Double(stage.reached) / maximum * barWidth : 0
      let visited = maximum > 0 ? Double(stage.visited) / maximum * barWidth : 0
      body += rect(x: left, y: y + 3, width: reached, height: 18, fill: gradeColours[3])
      body += rect(x: left, y: y + 3, width: visited, height: 18, fill: gradeColours[0])
      let label =
        "\(context.format.count(stage.visited)) / \(context.format.count(stage.reached)) · \(context.format.rate(stage.advanceRate))"
      body += text(label, x: left + barWidth + 8, y: y + 16, size: 11)
    }
    let legend =
      context.language == .zhCN
      ? "深色：进入；浅色：到达；数字为 进入 / 到达 · 阶段转化率"
      : "Dark: visited; light: reached; visited / reached · advance rate"
    body += text(legend, x: left, y: Double(height) - 10, size: 11, colour: muted)
    return document(width: width, height: height, title: funnelTitle(context), body)
  }

  // MARK: Forecast by month

  private static func forecastTitle(_ context: ReportContext) -> String {
    context.language == .zhCN
      ? "各月加权金额（按等级堆叠）与 P10–P90 区间"
      : "Expected value by month, stacked by grade, with the P10–P90 range"
  }

  static func forecast(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let lines = analysis.forecast.lines.filter {
      if case .month = $0.period { return true }
      return false
    }
    let ranges = lines.map { line in
      (line: line, range: analysis.range.line(for: line.period), won: line.total.wonSoFar)
    }
    let maximum =
      ranges.map { max($0.won + $0.range.p90, $0.won + $0.line.total.expected) }.max() ?? 0
    let width = 720
    let height = 300
    let left = 90.0
    let bottom = 250.0
    let axis = AmountAxis(maximum: maximum, bottom: bottom, plotHeight: 210)
    let y = axis.y
    let slot = (Double(width) - left - 20) / Double(max(1, ranges.count))

    var body = axis.gridLines(left: left, right: Double(width) - 20, format: context.format)
    for (position, item) in ranges.enumerated() {
      let x = left + slot * Double(position) + slot * 0.2
      let barWidth = slot * 0.6
      var base = 0.0
      if item.won > 0 {
        body += rect(
          x: x, y: y(item.won), width: barWidth, height: y(0) - y(item.won), fill: "#4b5563")
        base = item.won
      }
      for grade in Grade.allCases {
        let value = item.line.byGrade[grade]?.expected ?? 0
        guard value > 0 else { continue }
        body += rect(
          x: x, y: y(base + value), width: barWidth, height: y(base) - y(base + value),
          fill: gradeColours[grade.rank], stroke: ink)
        base += value
      }
      if item.range.deals > 0 {
        let centre = x + barWidth / 2
        body += line(
          centre, y(item.won + item.range.p10), centre, y(item.won + item.range.p90), width: 1.5)
        body += line(
          centre - 6, y(item.won + item.range.p10), centre + 6, y(item.won + item.range.p10),
          width: 1.5)
        body += line(
          centre - 6, y(item.won + item.range.p90), centre + 6, y(item.won + item.range.p90),
          width: 1.5)
      }
      body += text(
        context.words.periodName(item.line.period, context.format), x: x + barWidth / 2,
        y: bottom + 16, anchor: "middle", size: 10)
    }
    body += line(left, bottom, Double(width) - 20, bottom)
    var legendX = left
    let wonLabel = context.language == .zhCN ? "已赢单" : "Won"
    body += rect(x: legendX, y: 276, width: 12, height: 12, fill: "#4b5563")
    body += text(wonLabel, x: legendX + 16, y: 286, size: 11)
    legendX += 70
    for grade in Grade.allCases {
      body += rect(
        x: legendX, y: 276, width: 12, height: 12, fill: gradeColours[grade.rank], stroke: ink)
      body += text(grade.rawValue, x: legendX + 16, y: 286, size: 11)
      legendX += 40
    }
    body += line(legendX + 10, 282, legendX + 30, 282, width: 1.5)
    body += text("P10–P90", x: legendX + 36, y: 286, size: 11)
    return document(width: width, height: height, title: forecastTitle(context), body)
  }

  // MARK: Win probability heatmap

  static func winProbability(_ context: ReportContext) -> String {
    let stageCount = context.configuration.stageCount
    let left = 60.0
    let cellWidth = (720 - left - 20) / Double(stageCount)
    let cellHeight = 30.0
    let height = Int(40 + cellHeight * 5 + 20)
    var body = ""
    for stage in 1...stageCount {
      body += text(
        context.stageName(stage), x: left + cellWidth * (Double(stage) - 0.5), y: 24,
        anchor: "middle",
        size: 10)
    }
    for grade in Grade.allCases {
      let y = 32 + cellHeight * Double(grade.rank)
      body += text(grade.rawValue, x: left - 10, y: y + 19, anchor: "end", weight: "bold")
      for stage in 1...stageCount {
        let p = context.analysis.probabilities.probability(grade: grade, stage: stage)
        let colours = heat(p)
        let x = left + cellWidth * Double(stage - 1)
        body += rect(x: x, y: y, width: cellWidth - 2, height: cellHeight - 2, fill: colours.fill)
        body += text(
          context.format.rate(p), x: x + cellWidth / 2 - 1, y: y + 19, anchor: "middle", size: 11,
          colour: colours.text)
      }
    }
    return document(width: 720, height: height, title: context.words.winProbabilitySection, body)
  }

  // MARK: Grade mix

  private static func gradeMixTitle(_ context: ReportContext) -> String {
    context.language == .zhCN ? "在手商机金额的等级构成" : "Open pipeline by grade"
  }

  static func gradeMix(_ context: ReportContext) -> String {
    var byGrade = [Double](repeating: 0, count: Grade.allCases.count)
    for state in context.analysis.states where state.status == .open {
      byGrade[state.grade.rank] += context.analysis.opportunities[state.opportunity].amount ?? 0
    }
    let total = byGrade.reduce(0, +)
    let left = 20.0
    let barWidth = 680.0
    var body = ""
    var x = left
    for grade in Grade.allCases where total > 0 && byGrade[grade.rank] > 0 {
      let share = byGrade[grade.rank] / total
      let width = share * barWidth
      body += rect(
        x: x, y: 20, width: width, height: 30, fill: gradeColours[grade.rank], stroke: ink)
      if width > 60 {
        body += text(
          "\(grade.rawValue) \(context.format.rate(share))", x: x + width / 2, y: 40,
          anchor: "middle",
          size: 11, colour: grade.rank < 2 ? "#ffffff" : ink)
      }
      x += width
    }
    var legendX = left
    for grade in Grade.allCases {
      body += rect(
        x: legendX, y: 62, width: 12, height: 12, fill: gradeColours[grade.rank], stroke: ink)
      let share = total > 0 ? byGrade[grade.rank] / total : 0
      body += text(
        "\(grade.rawValue) \(context.format.amount(byGrade[grade.rank])) (\(context.format.rate(share)))",
        x: legendX + 16, y: 72, size: 10)
      legendX += 140
    }
    return document(width: 720, height: 90, title: gradeMixTitle(context), body)
  }

  // MARK: Aging

  private static func agingTitle(_ context: ReportContext) -> String {
    context.language == .zhCN ? "各阶段停留天数：中位数与 P90" : "Days in stage: median and P90"
  }

  static func aging(_ context: ReportContext) -> String {
    let stages = context.analysis.velocity.stages
    let maximum = stages.map { max($0.p90Days ?? 0, Double($0.maximumDays ?? 0)) }.max() ?? 0
    let left = 130.0
    let barWidth = 460.0
    let rowHeight = 28.0
    let height = Int(20 + rowHeight * Double(stages.count) + 30)
    var body = ""
    for (position, stage) in stages.enumerated() {
      let y = 14 + rowHeight * Double(position)
      body += text(context.stageName(stage.stage), x: left - 8, y: y + 15, anchor: "end")
      guard maximum > 0 else { continue }
      if let median = stage.medianDays {
        body += rect(
          x: left, y: y + 4, width: median / maximum * barWidth, height: 16, fill: gradeColours[1])
      }
      if let p90 = stage.p90Days {
        let x = left + p90 / maximum * barWidth
        body += line(x, y + 1, x, y + 23, width: 2)
      }
      let label =
        "\(stage.medianDays.map { NumberFormatting.fixed($0, decimals: 0) } ?? "–") / \(stage.p90Days.map { NumberFormatting.fixed($0, decimals: 0) } ?? "–")"
      body += text(label, x: left + barWidth + 12, y: y + 16, size: 11)
    }
    let legend =
      context.language == .zhCN
      ? "条形：中位数（天）；竖线：P90；数字为 中位数 / P90" : "Bar: median days; tick: P90; numbers are median / P90"
    body += text(legend, x: left, y: Double(height) - 8, size: 11, colour: muted)
    return document(width: 720, height: height, title: agingTitle(context), body)
  }

  // MARK: Trend

  private static func trendTitle(_ context: ReportContext) -> String {
    context.language == .zhCN
      ? "在手商机金额、加权金额与赢率的趋势" : "Open pipeline, expected value and win rate over time"
  }

  static func trend(_ context: ReportContext) -> String {
    let points = context.analysis.trend
    let maximum = points.map(\.pipeline).max() ?? 0
    let left = 115.0
    let right = 670.0
    let bottom = 230.0
    let plotHeight = 200.0
    let axis = AmountAxis(maximum: maximum, bottom: bottom, plotHeight: plotHeight)
    let y = axis.y
    func x(_ index: Int) -> Double {
      points.count > 1 ? left + (right - left) * Double(index) / Double(points.count - 1) : left
    }
    var body = axis.gridLines(left: left, right: right, format: context.format)
    for (series, colour, dash) in [
      (\TrendPoint.pipeline, gradeColours[0], ""), (\TrendPoint.expected, gradeColours[2], "6 3"),
    ] {
      let path = points.enumerated().map { index, point in
        "\(index == 0 ? "M" : "L")\(number(x(index))) \(number(y(point[keyPath: series])))"
      }.joined(separator: " ")
      let dashing = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
      body +=
        "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dashing)/>\n"
    }
    // Win rate on its own scale, 0–100 % on the right axis.
    let ratePoints = points.enumerated().compactMap { index, point in
      point.winRate.map { (index, $0) }
    }
    if !ratePoints.isEmpty {
      let path = ratePoints.enumerated().map { position, item in
        "\(position == 0 ? "M" : "L")\(number(x(item.0))) \(number(bottom - item.1 * plotHeight))"
      }.joined(separator: " ")
      body +=
        "<path d=\"\(path)\" fill=\"none\" stroke=\"\(ink)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\n"
      for share in [0.0, 0.5, 1.0] {
        body += text(
          context.format.rate(share), x: right + 6, y: bottom - share * plotHeight + 4, size: 10,
          colour: muted)
      }
    }
    for (index, point) in points.enumerated()
    where points.count <= 8 || index % 2 == (points.count - 1) % 2 {
      body += text(
        context.format.month(point.asOf.monthNumber), x: x(index), y: bottom + 16, anchor: "middle",
        size: 10)
    }
    let zh = context.language == .zhCN
    body += line(left, 262, left + 24, 262, colour: gradeColours[0], width: 2.5)
    body += text(zh ? "在手商机金额" : "Open pipeline", x: left + 30, y: 266, size: 11)
    body +=
      "<line x1=\"\(number(left + 170))\" y1=\"262\" x2=\"\(number(left + 194))\" y2=\"262\" stroke=\"\(gradeColours[2])\" stroke-width=\"2.5\" stroke-dasharray=\"6 3\"/>\n"
    body += text(zh ? "加权金额" : "Expected value", x: left + 200, y: 266, size: 11)
    body +=
      "<line x1=\"\(number(left + 330))\" y1=\"262\" x2=\"\(number(left + 354))\" y2=\"262\" stroke=\"\(ink)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\n"
    body += text(zh ? "赢率（右轴）" : "Win rate (right axis)", x: left + 360, y: 266, size: 11)
    return document(width: 720, height: 280, title: trendTitle(context), body)
  }

  // MARK: Waterfall

  private static func waterfallTitle(_ context: ReportContext) -> String {
    context.language == .zhCN ? "在手商机金额变动瀑布图" : "Pipeline waterfall since the last snapshot"
  }

  /// Levels as full bars, movements as floating bars from the running total:
  /// dark for what adds to the pipeline, light for what leaves it.
  static func waterfall(_ comparison: Comparison, _ context: ReportContext) -> String {
    let buckets = WaterfallBucket.allCases
    var running = 0.0
    var spans: [(bucket: WaterfallBucket, from: Double, to: Double)] = []
    for bucket in buckets {
      let amount = comparison.amount(bucket)
      if bucket.isLevel {
        spans.append((bucket, 0, amount))
        running = amount
      } else {
        spans.append((bucket, running, running + amount))
        running += amount
      }
    }

    let maximum = spans.map { max($0.from, $0.to) }.max() ?? 0
    let left = 115.0
    let bottom = 230.0
    let axis = AmountAxis(maximum: maximum, bottom: bottom, plotHeight: 200)
    let y = axis.y
    let slot = (700 - left) / Double(spans.count)
    var body = axis.gridLines(left: left, right: 700, format: context.format)

    for (position, span) in spans.enumerated() {
      let x = left + slot * Double(position) + slot * 0.15
      let high = max(span.from, span.to)
      let low = min(span.from, span.to)
      let fill =
        span.bucket.isLevel
        ? gradeColours[0] : (span.to >= span.from ? gradeColours[1] : gradeColours[3])
      body += rect(
        x: x, y: y(high), width: slot * 0.7, height: y(low) - y(high), fill: fill, stroke: ink)
      body += text(
        ComparisonReport.bucketName(span.bucket, context.language), x: x + slot * 0.35,
        y: bottom + 14 + Double(position % 2) * 12, anchor: "middle", size: 9)
    }
    return document(width: 720, height: 270, title: waterfallTitle(context), body)
  }

  // MARK: Utilization heatmap

  private static func utilizationTitle(_ context: ReportContext) -> String {
    context.language == .zhCN ? "各岗位各月产能利用率" : "Utilization by role and month"
  }

  static func utilization(_ context: ReportContext) -> String {
    let plan = context.analysis.resources
    let monthCount = plan.months.first.map { $0.count - 2 } ?? 0
    let left = 110.0
    let cellWidth = (720 - left - 20) / Double(max(1, monthCount))
    let cellHeight = 30.0
    let height = Int(40 + cellHeight * Double(plan.roles.count) + 30)

    var body = ""
    for month in 0..<monthCount {
      body += text(
        context.format.month(context.analysis.asOf.monthNumber + month),
        x: left + cellWidth * (Double(month) + 0.5), y: 24, anchor: "middle", size: 10)
    }

    for (role, lines) in plan.months.enumerated() {
      let y = 32 + cellHeight * Double(role)
      body += text(
        plan.roles[role].name.text(context.language), x: left - 10, y: y + 19, anchor: "end")
      for (month, cell) in lines.prefix(monthCount).enumerated() {
        let share = cell.utilization ?? 0
        // Full use is the darkest shade; over capacity keeps it and gets a mark.
        let colours = heat(min(1, share))
        let x = left + cellWidth * Double(month)
        body += rect(
          x: x, y: y, width: cellWidth - 2, height: cellHeight - 2, fill: colours.fill,
          stroke: cell.isOverCapacity ? ink : "none")
        let label = context.format.rate(cell.utilization) + (cell.isOverCapacity ? " ▲" : "")
        body += text(
          label, x: x + cellWidth / 2 - 1, y: y + 19, anchor: "middle", size: 11,
          colour: colours.text)
      }
    }

    let legend =
      context.language == .zhCN
      ? "颜色越深利用率越高；▲ 表示超出产能" : "Darker is busier; ▲ marks a month over capacity"
    body += text(legend, x: left, y: Double(height) - 8, size: 11, colour: muted)
    return document(width: 720, height: height, title: utilizationTitle(context), body)
  }
}
