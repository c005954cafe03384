/// The files of `stagecast compare`: compare.md for people, waterfall.csv
/// and slipped.csv for analysts.
public enum ComparisonReport {
  public static let fileNames = ["compare.md", "waterfall.csv", "slipped.csv"]

  public static func render(_ comparison: Comparison, language: ReportLanguage, currency: String)
    -> [ReportFile]
  {
    [
      ReportFile(
        name: "compare.md", text: markdown(comparison, language: language, currency: currency)),
      ReportFile(name: "waterfall.csv", text: waterfallCSV(comparison)),
      ReportFile(name: "slipped.csv", text: slippedCSV(comparison)),
    ]
  }

  public static func bucketName(_ bucket: WaterfallBucket, _ language: ReportLanguage) -> String {
    let zh = language == .zhCN
    switch bucket {
    case .start: return zh ? "期初在手商机" : "Start"
    case .new: return zh ? "新增商机" : "New"
    case .pulledIn: return zh ? "提前签约（移入）" : "Pulled in"
    case .increased: return zh ? "金额调增" : "Increased"
    case .decreased: return zh ? "金额调减" : "Decreased"
    case .pushedOut: return zh ? "推迟签约（移出）" : "Pushed out"
    case .won: return zh ? "赢单" : "Won"
    case .lost: return zh ? "输单" : "Lost"
    case .excluded: return zh ? "无效或删除" : "Excluded or removed"
    case .end: return zh ? "期末在手商机" : "End"
    }
  }

  static func waterfallCSV(_ comparison: Comparison) -> String {
    var text = CSVTables.byteOrderMark + "bucket,amount,deals\n"
    for bucket in WaterfallBucket.allCases {
      text +=
        "\(bucket.rawValue),\(NumberFormatting.machine(comparison.amount(bucket))),\(comparison.deals[bucket] ?? 0)\n"
    }
    text += "advanced,,\(comparison.advanced)\nmoved_back,,\(comparison.movedBack)\n"
    return text
  }

  static func slippedCSV(_ comparison: Comparison) -> String {
    var text = CSVTables.byteOrderMark + "id,owner,previous_close,current_close,days_moved,amount\n"
    for deal in comparison.slipped {
      let fields = [
        Escaping.csvText(deal.id), Escaping.csvText(deal.owner ?? ""), deal.previousClose.isoString,
        deal.currentClose.isoString, String(deal.days), NumberFormatting.machine(deal.amount),
      ]
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  /// Renders the waterfall and the moves in Markdown, for the monthly meeting.
  public static func markdown(_ comparison: Comparison, language: ReportLanguage, currency: String)
    -> String
  {
    let zh = language == .zhCN
    let format = NumberFormatting(language: language, currency: currency)
    var text = zh ? "# 商机变动\n\n" : "# What changed\n\n"
    text +=
      zh
      ? "上期导出截至 \(format.date(comparison.previousAsOf))，本期截至 \(format.date(comparison.currentAsOf))。在手商机指预计签约日不晚于 \(format.date(comparison.windowEnd)) 的进行中商机（含逾期），按商机金额计。\n\n"
      : "Previous export as of \(format.date(comparison.previousAsOf)), current as of \(format.date(comparison.currentAsOf)). The pipeline is the amount of the open deals expected to close by \(format.date(comparison.windowEnd)), overdue ones included.\n\n"
    text +=
      zh
      ? "| 变动 | 金额 | 商机数 |\n| --- | ---: | ---: |\n"
      : "| Movement | Amount | Deals |\n| --- | ---: | ---: |\n"
    for bucket in WaterfallBucket.allCases {
      text +=
        "| \(bucketName(bucket, language)) | \(format.amount(comparison.amount(bucket))) | \(format.count(comparison.deals[bucket] ?? 0)) |\n"
    }
    text += "\n"
    text +=
      zh
      ? "两期都在进行中的商机：推进到更后阶段 \(format.count(comparison.advanced)) 笔，退回更前阶段 \(format.count(comparison.movedBack)) 笔；预计签约日变动 \(format.count(comparison.slipped.count)) 笔。\n\n"
      : "Deals open in both exports: \(format.count(comparison.advanced)) advanced a stage, \(format.count(comparison.movedBack)) moved back; \(format.count(comparison.slipped.count)) changed their expected close.\n\n"
    if !comparison.slipped.isEmpty {
      text += zh ? "## 预计签约日变动最大的商机\n\n" : "## Largest moves of the expected close\n\n"
      text +=
        zh
        ? "| 商机编号 | 负责人 | 上期预计签约日 | 本期预计签约日 | 变动天数 | 金额 |\n| --- | --- | --- | --- | ---: | ---: |\n"
        : "| Deal | Owner | Previous close | Current close | Days moved | Amount |\n| --- | --- | --- | --- | ---: | ---: |\n"
      for deal in comparison.slipped.prefix(50) {
        text +=
          "| \(Escaping.markdownCell(deal.id)) | \(Escaping.markdownCell(deal.owner ?? "–")) | \(format.date(deal.previousClose)) | \(format.date(deal.currentClose)) | \(deal.days) | \(format.amount(deal.amount)) |\n"
      }
      if comparison.slipped.count > 50 {
        text +=
          zh
          ? "\n仅列出变动最大的 50 笔，全部 \(format.count(comparison.slipped.count)) 笔见 slipped.csv。\n"
          : "\nThe 50 largest moves are listed; all \(format.count(comparison.slipped.count)) are in slipped.csv.\n"
      }
    }
    return text
  }
}
