extension ConfigurationError {
  /// A diagnostic line for an unusable configuration, compiler-style, in `language`.
  public func message(language: ReportLanguage) -> String {
    let zh = language == .zhCN
    var place = file
    if let line {
      place += ":\(line)"
      if let column { place += ":\(column)" }
    }
    let label = zh ? "错误：" : "error: "
    let key = printable(self.key)
    let text: String
    switch problem {
    case .unreadable(let reason):
      text =
        zh
        ? "无法读取配置文件（\(reason)）。请检查 --config 的路径。"
        : "configuration file cannot be read (\(reason)). Check the path given to --config."
    case .syntax(let expected):
      text =
        zh
        ? "JSON 格式错误，此处应为\(chinese(expected))。"
        : "invalid JSON: expected \(expected) here."
    case .duplicateKey:
      text =
        zh
        ? "配置项“\(key)”在同一对象中出现了两次，请只保留一个。"
        : "key \"\(key)\" appears twice in one object. Keep one of them."
    case .unknownKey(let suggestion):
      let hint = suggestion.map { zh ? "是否应为“\($0)”？" : " Did you mean \"\($0)\"?" } ?? ""
      text = zh ? "未知配置项“\(key)”。\(hint)" : "unknown key \"\(key)\".\(hint)"
    case .missingKey(let expected):
      text =
        zh
        ? "缺少配置项“\(key)”（\(chinese(expected))）。"
        : "missing key \"\(key)\" (\(expected))."
    case .wrongType(let expected):
      text =
        zh
        ? "配置项“\(key)”的类型错误，应为\(chinese(expected))。"
        : "key \"\(key)\" has the wrong type: expected \(expected)."
    case .invalidValue(let detail):
      text =
        zh
        ? "配置项“\(key)”的取值无效，应为：\(chinese(detail))。"
        : "key \"\(key)\" has an invalid value: expected \(detail)."
    }
    return "\(place): \(label)\(text)"
  }

  /// The Chinese for the fixed English phrases the decoder and the JSON
  /// parser use; anything else (lists of ids, numbers) reads the same in both.
  private func chinese(_ english: String) -> String {
    let phrases: [String: String] = [
      "number": "数字", "string": "字符串", "object": "对象", "array": "数组", "integer": "整数",
      "array of strings": "字符串数组", "a value": "一个值", "a quoted key": "带引号的键名",
      "the end of the document": "文档结尾", "a closing quote": "结束引号", "UTF-8 text": "UTF-8 文本",
      "an escape sequence": "转义序列", "an escaped control character": "转义后的控制字符",
      "four hexadecimal digits": "四位十六进制数字", "a low surrogate": "低位代理项",
      "a valid code point": "有效的码位", "\":\"": "“:”", "\",\" or \"}\"": "“,”或“}”",
      "\",\" or \"]\"": "“,”或“]”", "1–31 stages": "1–31 个阶段", "unique, not empty": "唯一且不为空",
      "0–1": "0–1 之间的数", "A ≥ B ≥ C ≥ 0": "A ≥ B ≥ C ≥ 0", "> 0": "大于 0", "≥ 0": "不小于 0",
      "month": "month（目前只支持按月）",
      "a number within the range of a double (about ±1.8e308)": "双精度范围内的数字（约 ±1.8e308）",
    ]
    if let phrase = phrases[english] { return phrase }
    if english.hasPrefix("at most "), english.hasSuffix(" nested objects and arrays") {
      let limit = english.dropFirst("at most ".count).dropLast(" nested objects and arrays".count)
      return "不超过 \(limit) 层的嵌套对象和数组"
    }
    return english
  }
}
