extension ConfigurationError {
  /// A diagnostic line for an unusable configuration.

  public func message(language: ReportLanguage) -> String {
    let zh = language == .zhCN
    var place = file
    if let line = line {
      place += ":\(line)"
      if let column = column { place += ":\(column)" }
    }
    let label = zh ? "错误：" : "error: "
    let text: String
    switch problem {
    case .unreadable(let reason):
      text = zh ? "无法读取配置文件（\(reason)）。" : "configuration file cannot be read (\(reason))."
    case .syntax(let expected):
      text = zh ? "JSON 格式错误，此处应为 \(expected)。" : "invalid JSON: expected \(expected) here."
    case .unknownKey(let suggestion):
      let hint = suggestion.map { zh ? "是否应为“\($0)”？" : " Did you mean \"\($0)\"?" } ?? ""
      text = zh ? "未知配置项“\(key)”。\(hint)" : "unknown key \"\(key)\".\(hint)"
    case .missingKey(let expected):
      text = zh ? "缺少配置项“\(key)”（\(expected)）。" : "missing key \"\(key)\" (\(expected))."
    case .wrongType(let expected):
      text =
        zh
        ? "配置项“\(key)”的类型错误，应为 \(expected)。"
        : "key \"\(key)\" has the wrong type: expected \(expected)."
    case .invalidValue(let detail):
      text =
        zh
        ? "配置项“\(key)”的取值无效，应为：\(detail)。"
        : "key \"\(key)\" has an invalid value: expected \(detail)."
    }
    return "\(place): \(label)\(text)"
  }
}
