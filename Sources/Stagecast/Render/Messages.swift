/// The text of every diagnostic, in both languages side by side, built
/// from the structured errors of the import and configuration layers.
///
/// Locations print compiler-style: `file:line:column: error: …`.
public enum Messages {
  /// Why a row or value was rejected, for `rejects.csv` and the report.
  public static func reason(_ reason: RejectReason, language: ReportLanguage) -> String {
    let zh = language == .zhCN
    switch reason {
    case .unterminatedQuote(let line, let lastLine):
      if lastLine == line {
        return zh
          ? "第 \(line) 行开始的引号字段没有结束引号，该行无法读取。请检查该行的引号是否成对。"
          : "quoted field starting on line \(line) is never closed, so that line cannot be read. Check that the quotes on it are paired."
      }
      return zh
        ? "第 \(line) 行开始的引号字段没有结束引号，第 \(line)–\(lastLine) 行（共 \(lastLine - line + 1) 行）无法读取。请检查该行的引号是否成对。"
        : "quoted field starting on line \(line) is never closed, so lines \(line)–\(lastLine) (\(lastLine - line + 1) lines) cannot be read. Check that the quotes on that line are paired."
    case .fieldCount(let found, let expected):
      return zh
        ? "该行有 \(found) 个字段，表头有 \(expected) 个：某个值中的分隔符没有加引号，或缺了引号，导致各列错位。请给含分隔符的值加上引号。"
        : "row has \(found) fields where the header has \(expected): a delimiter inside an unquoted value, or a missing quote, shifts the cells. Quote the value that holds the delimiter."
    case .unknownStage:
      return zh
        ? "商机阶段不在配置中，也不是赢单、输单或无效。请在配置的 stages[].aliases 中加上该写法。"
        : "stage is neither a configured stage nor a won, lost or excluded word. Add the spelling to stages[].aliases in the configuration."
    case .unknownStatus:
      return zh
        ? "商机状态无法识别。请在配置的 outcomes 中加上该写法。"
        : "status is not a known outcome. Add the spelling to outcomes in the configuration."
    case .missingStage:
      return zh
        ? "商机阶段和状态均为空，无法放入销售漏斗。"
        : "stage and status are both empty, so the deal cannot be placed in the funnel."
    case .missingID:
      return zh
        ? "商机编号为空，该行未导入。请补上编号或删除该行。"
        : "id is empty, so the row is not used. Fill in the id or remove the row."
    case .conflictingDuplicateID(let lines):
      let list = lines.map(String.init).joined(separator: ", ")
      return zh
        ? "商机编号与第 \(list) 行重复，但字段不同，无法判断哪一行正确，相关各行均未导入。"
        : "id repeats on \(lines.count == 1 ? "line" : "lines") \(list) with different deal fields; no one can tell which is right, so none of these rows is used."
    case .invalidAmount:
      return zh
        ? "金额不是有效数字，按缺失处理。请使用数字和小数点，可带“万”或“亿”。"
        : "amount is not a number and is read as missing. Use digits, a decimal point and an optional 万 or 亿."
    case .invalidDigitGrouping:
      return zh
        ? "金额的千分位分组不正确（每组应为三位），按缺失处理。请写成 1,234,567 或 1234567。"
        : "amount has invalid digit grouping (groups of three digits expected) and is read as missing. Write 1,234,567 or 1234567."
    case .invalidDate:
      return zh
        ? "日期无法识别或不存在，按缺失处理。请使用 2025-05-08、2025/5/8 或 2025年5月8日 等格式。"
        : "date is not in a known format or names no real day, and is read as missing. Use 2025-05-08, 2025/5/8 or 8 May 2025."
    case .invalidProbability:
      return zh
        ? "赢率不是 0–100% 之间的数字，按缺失处理。"
        : "probability is not a number from 0 to 100 % and is read as missing."
    case .invalidGrade:
      return zh ? "商机等级不是 A–E，已按金额重新计算。" : "grade is not A–E; the grade is computed instead."
    case .missingExchangeRate(let currency):
      return zh
        ? "币种 \(currency) 没有配置汇率，该商机未计金额。请在配置的 currency.rates 中加上汇率。"
        : "currency \(currency) has no exchange rate, so the deal is not valued. Add a rate under currency.rates in the configuration."
    case .outcomeStageOnOpenDeal:
      return zh
        ? "商机阶段是赢单、输单或无效，但状态为进行中；按第一个阶段计算。请核对该商机的阶段和状态。"
        : "stage is an outcome word but the status says open; the deal counts at the first stage. Check the deal's stage and status."
    case .invalidTimeInStage:
      return zh
        ? "阶段停留时长不是数字或“时:分:秒”，该阶段按未进入处理。"
        : "time in stage is neither a number nor HH:mm:ss; the deal is not counted in that stage."
    case .unknownLostAtStage:
      return zh
        ? "输单阶段不是已配置的阶段，按缺失处理。" : "lost-at stage is not a configured stage and is read as missing."
    case .unknownRole:
      return zh
        ? "团队名单中的岗位不在配置的 resources.roles 里，该行未使用。请改成已配置的岗位编号，或在配置中添加该岗位。"
        : "team row names a role that is not under resources.roles, so it is not used. Use a configured role id or add the role."
    case .historyMissingID:
      return zh
        ? "阶段变更记录的商机编号为空，该行未使用。请补上编号。"
        : "history row has an empty opportunity id and is not used. Fill in the id."
    case .historyInvalidDate:
      return zh
        ? "阶段变更记录的进入日期无法识别，该行未使用。请使用 2025-05-08、2025/5/8 或 2025年5月8日 等格式。"
        : "history row has no readable entry date and is not used. Use 2025-05-08, 2025/5/8 or 8 May 2025."
    case .historyUnknownStage:
      return zh
        ? "阶段变更记录中的阶段不在配置中。请在配置的 stages[].aliases 中加上该写法（例如改名前的旧阶段名）。"
        : "history stage is not a configured stage. Add the spelling, such as a stage's name before a rename, to stages[].aliases."
    }
  }

  /// A compiler-style line for a rejected row or value:
  /// `file:line:column: error: column "value": reason`.
  public static func diagnostic(_ reject: RejectedRow, language: ReportLanguage) -> String {
    var place = "\(reject.file):\(reject.line)"
    if let column = reject.columnNumber { place += ":\(column)" }
    let label = language == .zhCN ? "错误：" : "error: "
    var cell = ""
    if !reject.column.isEmpty {
      cell =
        language == .zhCN
        ? "“\(reject.column)”列的值“\(reject.value)”：" : "\(reject.column) \"\(reject.value)\": "
    }
    return "\(place): \(label)\(cell)\(reason(reject.reason, language: language))"
  }
}
