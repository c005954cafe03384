/// The section on the archived exports: the trend of pipeline, forecast and
/// win rate, and the waterfall since the newest archived export.
extension ReportContext {
  var trendHeading: String { language == .zhCN ? "趋势与变动" : "Trend and changes" }

  var trendTable: ReportTable {
    let zh = language == .zhCN
    let headers =
      zh
      ? ["统计截止日", "进行中商机", "在手商机金额", "加权金额", "赢率（第一阶段起）"]
      : ["As of", "Open deals", "Open pipeline", "Expected value", "Win rate from stage 1"]
    let rows = analysis.trend.map { point -> [ReportTable.Cell] in
      [
        ReportTable.Cell(text: format.date(point.asOf)),
        ReportTable.Cell(text: format.count(point.openDeals), isNumber: true),
        ReportTable.Cell(text: format.amount(point.pipeline), isNumber: true),
        ReportTable.Cell(text: format.amount(point.expected), isNumber: true),
        ReportTable.Cell(text: format.rate(point.winRate), isNumber: true),
      ]
    }
    return ReportTable(headers: headers, rows: rows)
  }

  /// The waterfall since the newest archived export, and a sentence naming its date.
  var waterfall: (note: String, table: ReportTable)? {
    guard let comparison = analysis.sinceLastSnapshot else { return nil }
    let zh = language == .zhCN
    let note =
      zh
      ? "与快照库中 \(format.date(comparison.previousAsOf)) 的导出相比，预计签约日不晚于 \(format.date(comparison.windowEnd)) 的在手商机金额变动如下（两期都在进行中的商机：推进 \(format.count(comparison.advanced)) 笔，退回 \(format.count(comparison.movedBack)) 笔，预计签约日变动 \(format.count(comparison.slipped.count)) 笔）。"
      : "Against the export archived for \(format.date(comparison.previousAsOf)), the pipeline due by \(format.date(comparison.windowEnd)) moved as below (deals open in both: \(format.count(comparison.advanced)) advanced, \(format.count(comparison.movedBack)) moved back, \(format.count(comparison.slipped.count)) changed their expected close)."
    let rows = WaterfallBucket.allCases.map { bucket -> [ReportTable.Cell] in
      [
        ReportTable.Cell(text: ComparisonReport.bucketName(bucket, language)),
        ReportTable.Cell(text: format.amount(comparison.amount(bucket)), isNumber: true),
        ReportTable.Cell(text: format.count(comparison.deals[bucket] ?? 0), isNumber: true),
      ]
    }
    let headers = zh ? ["变动", "金额", "商机数"] : ["Movement", "Amount", "Deals"]
    return (note, ReportTable(headers: headers, rows: rows))
  }
}
