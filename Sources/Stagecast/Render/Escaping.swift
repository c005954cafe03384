/// Escapes text taken from the input for the format it lands in.
public enum Escaping {
  /// Text for HTML element content and quoted attribute values.
  public static func html(_ text: String) -> String {
    let text = withoutControls(text)
    guard text.utf8.contains(where: { "&<>\"'".utf8.contains($0) }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// Text for a Markdown table cell.
  ///
  /// The characters that end a cell or start emphasis, code or a link are backslash-escaped, HTML is
  /// neutralised and line breaks become spaces. Cells never start a line,
  /// so `#`, `-` and `+` need no escape there.
  public static func markdownCell(_ text: String) -> String {
    let text = withoutControls(text)
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for character in text {
      switch character {
      case "\\", "|", "*", "_", "`", "[", "]", "~":
        result.append("\\")
        result.append(character)
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "\n", "\r", "\r\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }

  /// A CSV cell (RFC 4180 quoting); text a spreadsheet would run as a
  /// formula (leading `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe.
  ///
  /// Only text from the input passes through here; numbers stagecast writes
  /// go through `csvNumber` so negative figures stay numbers.
  public static func csvText(_ text: String) -> String {
    var cell = withoutControls(text)
    if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      cell = "'" + cell
    }
    guard cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return cell
    }
    return "\"" + cell.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension Escaping {
  /// Text with control characters and bidirectional overrides replaced by
  /// U+FFFD: in a report they would hide text, reverse it or reach the
  /// terminal of someone who views the file.
  static func withoutControls(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafeScalar) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      scalars.append(isUnsafeScalar(scalar) ? "\u{FFFD}" : scalar)
    }
    return String(scalars)
  }
}

extension String {
  /// Every occurrence of `target` replaced, without Foundation.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    result.reserveCapacity(utf8.count)
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
