/// Renders `stagecast inspect`: readable in a terminal, or JSON with `--json`.
public enum InspectionReport {
  /// Problems listed in the terminal; `--json` and `rejects.csv` of a report hold all.
  static let problemLimit = 20

  public static func text(
    _ inspection: ExportInspection, configuration: Configuration, language: ReportLanguage
  ) -> String {
    let zh = language == .zhCN
    var delimiter = inspection.delimiter
    if delimiter == "\t" { delimiter = zh ? "制表符" : "tab" }
    var lines: [String] = []
    lines.append(zh ? "文件：\(inspection.file)" : "File: \(inspection.file)")
    lines.append(
      zh
        ? "编码：\(inspection.encoding.rawValue)    分隔符：\(delimiter)    来源系统：\(inspection.profile.rawValue)    数据行：\(grouped(inspection.rows))    商机：\(grouped(inspection.deals))"
        : "Encoding: \(inspection.encoding.rawValue)    Delimiter: \(delimiter)    Profile: \(inspection.profile.rawValue)    Rows: \(grouped(inspection.rows))    Deals: \(grouped(inspection.deals))"
    )

    lines.append("")
    lines.append(zh ? "列：" : "Columns:")
    let width = min(28, inspection.columns.map { displayWidth($0.header) }.max() ?? 0)
    let numberWidth = String(inspection.columns.count).count
    for column in inspection.columns {
      var header = column.header
      if header.isEmpty { header = zh ? "（空表头）" : "(blank header)" }
      let padded = header + String(repeating: " ", count: max(0, width - displayWidth(header)))
      let number = String(column.position)
      let position = String(repeating: " ", count: numberWidth - number.count) + number
      lines.append("  \(position). \(padded)  → \(describe(column, zh: zh))")
    }

    for (title, values) in [
      (zh ? "商机阶段取值：" : "Stage values:", inspection.stageValues),
      (zh ? "状态取值：" : "Status values:", inspection.statusValues),
    ] where !values.isEmpty {
      lines.append("")
      lines.append(title)
      for value in values {
        var line =
          "  \(value.text)  ×\(grouped(value.count))  → \(meaning(value.meaning, configuration: configuration, zh: zh))"
        if let probability = value.meanProbability {
          line +=
            zh
            ? "（平均销售预估赢率 \(NumberFormatting.fixed(probability * 100, decimals: 1))%）"
            : " (mean owner's probability \(NumberFormatting.fixed(probability * 100, decimals: 1))%)"
        }
        lines.append(line)
      }
    }

    if !inspection.dates.isEmpty {
      lines.append("")
      lines.append(zh ? "日期列：" : "Date columns:")
      for date in inspection.dates {
        lines.append("  \(date.header) (\(date.field))  → \(dateOrder(date.order, zh: zh))")
      }
    }

    if inspection.isMissingStage {
      lines.append("")
      lines.append(
        zh
          ? "缺少商机阶段列和状态列：report 无法把商机放入销售漏斗。请在配置的 columns.stage 或 columns.status 中指定列名。"
          : "No stage or status column: report cannot place the deals in the funnel. Name the column under columns.stage or columns.status in the configuration."
      )
      if inspection.looksLikeHistory {
        lines.append(
          zh
            ? "该文件看起来是阶段变更记录（商机编号、阶段、进入日期），请用 --history 传入。"
            : "The file looks like a stage history (id, stage, date entered): pass it with --history."
        )
      }
    }

    lines.append("")
    if inspection.problems.isEmpty {
      lines.append(zh ? "未发现问题。" : "No problems found.")
    } else {
      lines.append(
        zh
          ? "问题（共 \(grouped(inspection.problems.count)) 处，列出前 \(min(problemLimit, inspection.problems.count)) 处）："
          : "Problems (\(grouped(inspection.problems.count)) in all, first \(min(problemLimit, inspection.problems.count)) shown):"
      )
      for problem in inspection.problems.prefix(problemLimit) {
        lines.append("  " + Messages.diagnostic(problem, language: language))
      }
    }
    if let first = inspection.footerLines.first, let last = inspection.footerLines.last {
      lines.append(
        zh
          ? "第 \(first)–\(last) 行是报表页脚，已忽略。"
          : "Lines \(first)–\(last) are a report footer and were skipped.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Columns a terminal gives `text`: East Asian wide characters take two.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      switch scalar.value {
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        return width + 2
      default:
        return width + 1
      }
    }
  }

  private static func describe(_ column: ExportInspection.Column, zh: Bool) -> String {
    guard let field = column.field else {
      switch column.note {
      case .knownUnused?: return zh ? "（已识别，stagecast 不使用）" : "(known, not used by stagecast)"
      default:
        return zh
          ? "（未使用：没有匹配的字段；可在配置 columns 中指定）"
          : "(not used: no field matches; name it under columns in the configuration)"
      }
    }
    switch column.note {
    case .unit(let power)?:
      return zh ? "\(field)（×10^\(power)）" : "\(field) (×10^\(power))"
    case .currency(let code)?:
      return zh ? "\(field)（币种 \(code)）" : "\(field) (in \(code))"
    case .alternative?:
      return zh ? "\(field)（第二列，取第一个非空值）" : "\(field) (further column, first non-empty value wins)"
    default:
      return field
    }
  }

  private static func meaning(
    _ meaning: ExportInspection.ValueMeaning, configuration: Configuration, zh: Bool
  ) -> String {
    switch meaning {
    case .stage(let index):
      let stage = configuration.stages[index - 1]
      return zh
        ? "阶段 \(index) \(stage.name.zh)（\(stage.id)）"
        : "stage \(index) \(stage.name.en) (\(stage.id))"
    case .outcome(let status):
      let words: [DealStatus: (String, String)] = [
        .open: ("进行中", "open"), .won: ("赢单", "won"), .lost: ("输单", "lost"),
        .excluded: ("无效", "excluded"),
      ]
      let word = words[status] ?? ("", status.rawValue)
      return zh ? word.0 : word.1
    case .unknown:
      return zh
        ? "无法识别：该行将被拒收；请在配置中加入别名"
        : "unknown: rows are rejected; add the spelling to the configuration"
    }
  }

  private static func dateOrder(_ order: DateColumnOrder, zh: Bool) -> String {
    guard let value = order.order else {
      return zh ? "无歧义（年份在前或日、月可区分）" : "unambiguous (year first, or day and month tell apart)"
    }
    let dayFirst = zh ? "日/月/年" : "day first"
    let monthFirst = zh ? "月/日/年" : "month first"
    let name = value == .dmy ? dayFirst : monthFirst
    let source =
      order.decidedByValues
      ? (zh ? "由该列其他取值判断" : "decided by the column's other values")
      : (zh ? "无法判断，按默认" : "nothing decides, default")
    return zh
      ? "\(name)（\(source)；\(grouped(order.ambiguousValues)) 个取值日、月均不大于 12）"
      : "\(name) (\(source); \(grouped(order.ambiguousValues)) values with day and month both 12 or less)"
  }

  /// Renders the inspection as JSON for scripts.
  public static func json(_ inspection: ExportInspection, configuration: Configuration) -> String {
    func meaningValue(_ meaning: ExportInspection.ValueMeaning) -> JSONValue {
      switch meaning {
      case .stage(let index): return .string(configuration.stages[index - 1].id)
      case .outcome(let status): return .string(status.rawValue)
      case .unknown: return .null
      }
    }
    func values(_ list: [ExportInspection.Value]) -> JSONValue {
      .array(
        list.map { value in
          .object([
            ("value", .string(value.text)), ("count", .count(value.count)),
            ("firstLine", .count(value.firstLine)), ("mapsTo", meaningValue(value.meaning)),
            ("meanProbability", .number(value.meanProbability)),
          ])
        })
    }
    let columns: JSONValue = .array(
      inspection.columns.map { column in
        var note: JSONValue = .null
        switch column.note {
        case .unit(let power)?: note = .string("unit 10^\(power)")
        case .currency(let code)?: note = .string("currency \(code)")
        case .alternative?: note = .string("further column")
        case .knownUnused?: note = .string("known, not used")
        case .unknown?: note = .string("no field matches")
        case nil: break
        }
        return .object([
          ("position", .count(column.position)), ("header", .string(column.header)),
          ("field", column.field.map(JSONValue.string) ?? .null), ("note", note),
        ])
      })
    let dates: JSONValue = .array(
      inspection.dates.map { date in
        .object([
          ("field", .string(date.field)), ("header", .string(date.header)),
          ("order", date.order.order.map { .string($0.rawValue) } ?? .null),
          ("ambiguousValues", .count(date.order.ambiguousValues)),
          ("decidedByValues", .bool(date.order.decidedByValues)),
        ])
      })
    let problems: JSONValue = .array(
      inspection.problems.map { problem in
        .object([
          ("line", .count(problem.line)),
          ("column", .string(problem.column)),
          ("columnNumber", problem.columnNumber.map(JSONValue.count) ?? .null),
          ("value", .string(problem.value)),
          ("reasonCode", .string(problem.reason.code)),
          ("rowKept", .bool(problem.isRowKept)),
        ])
      })
    return JSONWriter.text(
      .object([
        ("file", .string(inspection.file)), ("encoding", .string(inspection.encoding.rawValue)),
        ("delimiter", .string(inspection.delimiter)),
        ("profile", .string(inspection.profile.rawValue)),
        ("rows", .count(inspection.rows)), ("deals", .count(inspection.deals)),
        ("columns", columns), ("stageValues", values(inspection.stageValues)),
        ("statusValues", values(inspection.statusValues)), ("dates", dates),
        ("footerLines", .array(inspection.footerLines.map(JSONValue.count))),
        ("missingStage", .bool(inspection.isMissingStage)),
        ("looksLikeHistory", .bool(inspection.looksLikeHistory)),
        ("problems", problems),
      ]))
  }
}

/// JSON text of a document, for commands that print JSON (`init`).
public enum JSONText {
  public static func render(_ value: JSONValue) -> String {
    JSONWriter.text(value)
  }
}
