/// Writes a `JSONValue` as indented UTF-8 text, keys in the order they were
/// built, so the same analysis always gives the same bytes.
enum JSONWriter {
  static func text(_ value: JSONValue) -> String {
    var output = ""
    write(value, indent: 0, into: &output)
    output += "\n"
    return output
  }

  private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let number): output += NumberFormatting.machine(number)
    case .string(let text): writeString(text, into: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output += "[]"
        return
      }
      // Short arrays of scalars stay on one line (grades, line numbers).
      if elements.allSatisfy(\.isScalar), elements.count <= 12,
        elements.reduce(0, { $0 + $1.approximateLength }) <= 80
      {
        output += "["
        for (index, element) in elements.enumerated() {
          if index > 0 { output += ", " }
          write(element, indent: indent, into: &output)
        }
        output += "]"
        return
      }
      output += "[\n"
      for (index, element) in elements.enumerated() {
        output += String(repeating: "  ", count: indent + 1)
        write(element, indent: indent + 1, into: &output)
        output += index < elements.count - 1 ? ",\n" : "\n"
      }
      output += String(repeating: "  ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{\n"
      for (index, member) in members.enumerated() {
        output += String(repeating: "  ", count: indent + 1)
        writeString(member.key, into: &output)
        output += ": "
        write(member.value, indent: indent + 1, into: &output)
        output += index < members.count - 1 ? ",\n" : "\n"
      }
      output += String(repeating: "  ", count: indent) + "}"
    }
  }

  private static func writeString(_ text: String, into output: inout String) {
    output += "\""
    // Nearly every key and value needs no escape and is copied whole; 0xE2
    // starts U+2028 and U+2029 (and other text, which then takes the long way).
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
      output += text
      output += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      // U+2028 and U+2029 end lines in JavaScript; escape them for consumers that embed JSON.
      case "\u{2028}": output += "\\u2028"
      case "\u{2029}": output += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}

extension JSONValue {
  fileprivate var approximateLength: Int {
    switch self {
    case .string(let text): return text.count + 4
    default: return 8
    }
  }

  fileprivate var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }
}
