/// Writes a starter configuration from how an export was understood.
///
/// `stagecast init` prints it: the column mapping, the export's stage values in an
/// inferred order, and notes on what to check. Everything else stays the
/// built-in TAS+ default.
public enum StarterConfiguration {
  /// Builds the configuration as a JSON document, keys in a fixed order.
  public static func build(from inspection: ExportInspection, configuration: Configuration)
    -> JSONValue
  {
    var members: [(key: String, value: JSONValue)] = []
    var notes: [String] = [
      "Starter configuration written by stagecast init from \(inspection.file). Check it, then run: stagecast report EXPORT --config THIS_FILE.",
      "由 stagecast init 根据 \(inspection.file) 生成的初始配置。请核对后运行：stagecast report 导出文件 --config 本文件。",
    ]

    let columns = inspection.columns.filter { $0.note != .alternative }.compactMap {
      column -> (String, JSONValue)? in
      guard let field = column.field, !field.hasPrefix("history.") else { return nil }
      return (field, .string(column.header))
    }
    let stageColumns = inspection.columns.compactMap { column -> (String, JSONValue)? in
      guard let field = column.field, field.hasPrefix("history.stageColumns.") else { return nil }
      return (String(field.dropFirst("history.stageColumns.".count)), .string(column.header))
    }

    let stageValues = inspection.stageValues.filter {
      if case .outcome = $0.meaning { return false }
      return true
    }
    let unknownStages = stageValues.filter { $0.meaning == .unknown }
    if !unknownStages.isEmpty {
      members.append(("stages", .array(stages(from: stageValues, configuration: configuration))))
      notes.append(
        "Stages were built from the export's stage values, ordered by \(orderSource(stageValues)). Check the order, the names and each defaultProbability; merge spellings of one stage into its aliases."
      )
      notes.append(
        "阶段根据导出文件中的阶段取值生成，按\(orderSourceChinese(stageValues))排序。请核对顺序、名称和默认赢单概率，同一阶段的不同写法请合并到 aliases。"
      )
    }

    let unknownStatus = inspection.statusValues.filter { $0.meaning == .unknown }.map(\.text)
    if !unknownStatus.isEmpty {
      let list = unknownStatus.joined(separator: ", ")
      notes.append(
        "Status values with no known meaning: \(list). Add each to outcomes.won, outcomes.lost, outcomes.excluded or outcomes.open."
      )
      notes.append("以下状态取值无法识别：\(list)。请分别加入 outcomes 的 won、lost、excluded 或 open。")
    }
    let unused = inspection.columns.filter { $0.note == .unknown }.map(\.header)
    if !unused.isEmpty {
      notes.append(
        "Columns not used: \(unused.joined(separator: ", ")). Map one under columns if it holds a field stagecast reads."
      )
      notes.append("以下列未使用：\(unused.joined(separator: "、"))。如果其中有 stagecast 需要的字段，请在 columns 中指定。")
    }
    if inspection.isMissingStage {
      notes.append(
        "No stage or status column was found: name the column under columns.stage or columns.status before running report."
      )
      notes.append("没有找到商机阶段列或状态列：运行 report 前，请在 columns.stage 或 columns.status 中指定列名。")
    }
    if inspection.looksLikeHistory {
      notes.append(
        "This file looks like a stage history: pass it to report with --history, next to the opportunity export."
      )
      notes.append("该文件看起来是阶段变更记录：请与商机导出文件一起，用 --history 传给 report。")
    }
    if inspection.profile != .generic {
      notes.append(
        "The export was recognised as \(inspection.profile.rawValue); its headers are read that way."
      )
      notes.append("导出文件被识别为 \(inspection.profile.rawValue) 格式，表头按该系统的含义读取。")
    }

    let dayFirst = inspection.dates.first { $0.order.order == .dmy && $0.order.decidedByValues }
    if let dayFirst {
      notes.append("Dates in \(dayFirst.header) are day first, so import.dateOrder is dmy.")
      notes.append("“\(dayFirst.header)”列的日期为日在前，因此 import.dateOrder 设为 dmy。")
    }

    members.insert(("notes", .array(notes.map(JSONValue.string))), at: 0)
    if stageValues.contains(where: {
      $0.text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
    }) {
      members.insert(("language", .string(ReportLanguage.zhCN.rawValue)), at: 1)
    }
    members.append(("columns", .object(columns.map { ($0.0, $0.1) })))
    if !stageColumns.isEmpty {
      members.append(
        ("history", .object([("stageColumns", .object(stageColumns.map { ($0.0, $0.1) }))])))
    }
    if dayFirst != nil {
      members.append(("import", .object([("dateOrder", .string(DateOrder.dmy.rawValue))])))
    }
    return .object(members)
  }

  private static func orderSource(_ values: [ExportInspection.Value]) -> String {
    values.allSatisfy({ $0.meanProbability != nil })
      ? "the mean owner's probability" : "where each value first appears"
  }

  private static func orderSourceChinese(_ values: [ExportInspection.Value]) -> String {
    values.allSatisfy({ $0.meanProbability != nil }) ? "销售预估赢率的平均值" : "各取值首次出现的位置"
  }

  /// Builds the stage list from the export's stage values.
  ///
  /// Each stage is named as the export spells it. They are ordered by mean probability when every value
  /// has one, else known stages first in TAS+ order and the rest as they appear.
  private static func stages(
    from values: [ExportInspection.Value], configuration: Configuration
  ) -> [JSONValue] {
    var ordered = values
    if values.allSatisfy({ $0.meanProbability != nil }) {
      ordered.sort {
        ($0.meanProbability ?? 0, $0.firstLine) < ($1.meanProbability ?? 0, $1.firstLine)
      }
    } else {
      // Known stages keep their TAS+ order and come first; the rest follow
      // in the order they first appear.
      func rank(_ value: ExportInspection.Value) -> (Int, Int) {
        if case .stage(let index) = value.meaning { return (index, 0) }
        return (Int.max, value.firstLine)
      }
      ordered.sort { rank($0) < rank($1) }
    }

    var usedIDs: Set<String> = []
    return ordered.enumerated().map { position, value -> JSONValue in
      // The export's own spelling names each stage: a value that happens to
      // match a TAS+ alias (Qualification) still belongs to this CRM's list.
      var id = slug(value.text, position: position + 1)
      let name = LocalizedText(zh: value.text, en: value.text)
      let aliases: [String] = []
      while !usedIDs.insert(id).inserted { id += "-\(position + 1)" }

      // Without an owner's probability, defaults rise evenly from 10 % to 80 %.
      let spread = ordered.count > 1 ? Double(position) / Double(ordered.count - 1) : 0
      let probability = value.meanProbability ?? (0.1 + 0.7 * spread)
      let rounded = (probability * 100).rounded() / 100
      return .object([
        ("id", .string(id)),
        ("name", .object([("zh", .string(name.zh)), ("en", .string(name.en))])),
        ("aliases", .array(aliases.map(JSONValue.string))),
        ("defaultProbability", .number(min(1, max(0, rounded)))),
      ])
    }
  }

  /// Makes a stage id from a value: ASCII letters and digits with dashes
  /// between words, or `stage-N` for values with no ASCII letter (Chinese names).
  static func slug(_ text: String, position: Int) -> String {
    var id = ""
    for scalar in text.lowercased().unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        id.unicodeScalars.append(scalar)
      } else if !id.isEmpty, !id.hasSuffix("-") {
        id += "-"
      }
    }
    while id.hasSuffix("-") { id.removeLast() }
    return id.contains(where: \.isLetter) ? id : "stage-\(position)"
  }
}
