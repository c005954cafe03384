extension ImportError {
  // Both languages sit side by side so a change to one is seen in the other.
  /// A diagnostic line for a failed import.

  public func message(language: ReportLanguage) -> String {
    let zh = language == .zhCN
    let label = zh ? "错误：" : "error: "
    func located(_ file: String, _ line: Int?, _ text: String) -> String {
      let place = line.map { "\(file):\($0): " } ?? "\(file): "
      return place + label + text
    }
    switch self {
    case .fileNotFound(let file):
      return located(file, nil, zh ? "文件不存在。请检查路径。" : "file not found. Check the path.")
    case .unreadable(let file, let reason):
      return located(file, nil, zh ? "无法读取文件（\(reason)）。" : "file cannot be read (\(reason)).")
    case .empty(let file):
      return located(file, nil, zh ? "文件为空，没有表头行。" : "file is empty: no header line.")
    case .invalidEncoding(let file, let line, let encoding):
      return located(
        file, line,
        zh
          ? "内容不是有效的 \(encoding) 编码。请另存为 UTF-8，或用 --encoding 指定编码（如 gb18030）。"
          : "bytes are not valid \(encoding). Save the file as UTF-8, or name its encoding with --encoding (such as gb18030)."
      )
    case .unsupportedEncoding(let file, let encoding):
      return located(
        file, nil, zh ? "不支持编码 \(encoding)。" : "encoding \(encoding) is not supported.")
    case .csv(let file, let line, let detail):
      return located(file, line, zh ? "CSV 解析失败：\(detail)" : "CSV parsing failed: \(detail)")
    case .missingColumn(let file, let field, let headers):
      let list = headers.map { zh ? "“\($0)”" : "\"\($0)\"" }.joined(separator: zh ? "、" : ", ")
      return located(
        file, 1,
        zh
          ? "找不到 \(field) 列。表头为：\(list)。请在配置文件的 columns 中指定列名，例如 \"columns\": {\"\(field)\": \"列名\"}。"
          : "no column for \(field). The headers are: \(list). Name the column in the configuration, such as \"columns\": {\"\(field)\": \"Header\"}."
      )
    case .configuredColumnNotFound(let file, let field, let column, let headers):
      let list = headers.map { zh ? "“\($0)”" : "\"\($0)\"" }.joined(separator: zh ? "、" : ", ")
      return located(
        file, 1,
        zh
          ? "配置的 columns.\(field) 指向列“\(column)”，但文件中没有该列。表头为：\(list)。"
          : "columns.\(field) names column \"\(column)\", which the file does not have. The headers are: \(list)."
      )
    case .ambiguousColumn(let file, let header, let readings, let keys):
      let meanings = readings.joined(separator: zh ? "；" : "; ")
      let settings = keys.map { "columns.\($0)" }.joined(separator: zh ? " 或 " : " or ")
      return located(
        file, 1,
        zh
          ? "无法确定列“\(header)”的含义，在不同系统中可能是：\(meanings)。请在配置文件中设置 \(settings)，例如 \"columns\": {\"\(keys.first ?? "")\": \"\(header)\"}。"
          : "column \"\(header)\" means different things in different systems: \(meanings). Set \(settings) in the configuration, such as \"columns\": {\"\(keys.first ?? "")\": \"\(header)\"}."
      )
    case .duplicateColumn(let file, let field, let columns):
      let list = columns.map { zh ? "“\($0)”" : "\"\($0)\"" }.joined(separator: zh ? "、" : ", ")
      return located(
        file, 1,
        zh
          ? "\(list) 都可能是 \(field) 列，无法确定。请在配置的 columns.\(field) 中指定其中一列。"
          : "columns \(list) could each be \(field). Name the right one under columns.\(field) in the configuration."
      )
    }
  }
}
