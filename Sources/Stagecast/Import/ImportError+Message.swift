extension ImportError {
  /// A diagnostic line for a failed import, compiler-style, in `language`.
  ///
  /// Both languages sit side by side so a change to one is seen in the other.
  public func message(language: ReportLanguage) -> String {
    let zh = language == .zhCN
    let label = zh ? "错误：" : "error: "
    func located(_ file: String, _ line: Int?, _ text: String) -> String {
      let place = line.map { "\(file):\($0): " } ?? "\(file): "
      return place + label + text
    }
    func quoted(_ items: [String]) -> String {
      items.map { zh ? "“\(printable($0))”" : "\"\(printable($0))\"" }
        .joined(separator: zh ? "、" : ", ")
    }

    switch self {
    case .fileNotFound(let file):
      return located(file, nil, zh ? "文件不存在。请检查路径。" : "file not found. Check the path.")
    case .unreadable(let file, let reason):
      return located(
        file, nil,
        zh
          ? "无法读取文件（\(reason)）。请检查路径是否指向文件以及读取权限。"
          : "file cannot be read (\(reason)). Check that the path is a file you may read.")
    case .empty(let file):
      return located(
        file, nil,
        zh
          ? "文件为空，没有表头行。请重新导出，导出时包含表头。"
          : "file is empty: no header line. Export the file again with its header line.")
    case .invalidEncoding(let file, let line, let encoding):
      if encoding == TextEncoding.gb18030.rawValue {
        return located(
          file, line,
          zh
            ? "内容既不是 UTF-8，也不是 GB18030/GBK 编码。请在 Excel 中另存为“CSV UTF-8”，或用 --encoding 指定文件的编码（utf-16le、utf-16be）。"
            : "bytes are neither UTF-8 nor GB18030/GBK. Save the file as \"CSV UTF-8\" in Excel, or name its encoding with --encoding (utf-16le, utf-16be)."
        )
      }
      return located(
        file, line,
        zh
          ? "内容不是有效的 \(encoding) 编码。请另存为 UTF-8，或用 --encoding 指定文件的编码（如 gb18030）。"
          : "bytes are not valid \(encoding). Save the file as UTF-8, or name its encoding with --encoding (such as gb18030)."
      )
    case .unsupportedEncoding(let file, let encoding):
      return located(
        file, nil,
        zh
          ? "不支持编码 \(encoding)。请使用 utf-8、gb18030、utf-16le 或 utf-16be。"
          : "encoding \(encoding) is not supported. Use utf-8, gb18030, utf-16le or utf-16be.")
    case .csv(let file, let line, let detail):
      return located(
        file, line,
        zh
          ? "CSV 解析失败（\(detail)）。请检查该行附近的引号和分隔符。"
          : "CSV parsing failed (\(detail)). Check the quotes and delimiters near this line.")
    case .missingColumn(let file, let key, let headers):
      let field = key.split(separator: ".").last.map(String.init) ?? key
      return located(
        file, 1,
        zh
          ? "找不到 \(field) 列。表头为：\(quoted(headers))。请在配置文件的 \(key) 中指定列名，例如 \(jsonExample(key, "列名"))。"
          : "no column for \(field). The headers are: \(quoted(headers)). Name the column under \(key) in the configuration, such as \(jsonExample(key, "Header"))."
      )
    case .configuredColumnNotFound(let file, let key, let column, let headers):
      return located(
        file, 1,
        zh
          ? "配置的 \(key) 指向列“\(printable(column))”，但文件中没有该列。表头为：\(quoted(headers))。请改为其中一个表头。"
          : "\(key) names column \"\(printable(column))\", which the file does not have. The headers are: \(quoted(headers)). Use one of them."
      )
    case .ambiguousColumn(let file, let header, let readings, let keys):
      let meanings = readings.map { $0.text(language) }.joined(separator: zh ? "；" : "; ")
      let settings = keys.map { "columns.\($0)" }.joined(separator: zh ? " 或 " : " or ")
      let example = jsonExample("columns.\(keys.first ?? "")", header)
      return located(
        file, 1,
        zh
          ? "无法确定列“\(printable(header))”的含义，在不同系统中可能是：\(meanings)。请在配置文件中设置 \(settings)，例如 \(example)。"
          : "column \"\(printable(header))\" means different things in different systems: \(meanings). Set \(settings) in the configuration, such as \(example)."
      )
    case .duplicateColumn(let file, let key, let columns):
      return located(
        file, 1,
        zh
          ? "\(quoted(columns)) 都可能是 \(key) 对应的列，无法确定。请在配置的 \(key) 中指定其中一列。"
          : "columns \(quoted(columns)) could each be \(key). Name the right one under \(key) in the configuration."
      )
    }
  }

  /// The configuration snippet that sets `key` (a dotted path) to `value`.
  private func jsonExample(_ key: String, _ value: String) -> String {
    var text = "\"\(printable(value))\""
    for part in key.split(separator: ".").reversed() { text = "{\"\(part)\": \(text)}" }
    return text
  }
}

/// Text from the input made safe for a terminal: control characters, which
/// could move the cursor or retitle the window, are shown as `\u{1B}`.
public func printable(_ text: String) -> String {
  guard text.unicodeScalars.contains(where: isUnsafeScalar) else { return text }
  var result = ""
  for scalar in text.unicodeScalars {
    if isUnsafeScalar(scalar) {
      result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    } else {
      result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// C0 and C1 controls other than tab and line breaks, and the bidirectional
/// overrides that reverse the text around them.
func isUnsafeScalar(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0x09, 0x0A, 0x0D: return false
  case 0x00...0x1F, 0x7F...0x9F: return true
  case 0x202A...0x202E, 0x2066...0x2069: return true
  default: return false
  }
}
