/// A strict JSON parser (RFC 8259) that remembers where each value starts,
/// so configuration errors can name the file, line and column of a key.
struct JSONParser {
  /// A syntax error at a physical, 1-based line and column.
  struct SyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    var expected: String
    /// The key that appears twice in one object, for that error.
    var duplicateKey: String?
  }

  /// Deepest nesting accepted; a configuration needs five levels, and the
  /// limit keeps a hostile file from exhausting the stack.
  static let maximumDepth = 64

  /// Line and column of each value, by key path (`forecast.seed`, `stages[2].id`).
  private(set) var locations: [String: (line: Int, column: Int)] = [:]

  private let bytes: [UInt8]
  private var offset = 0
  private var depth = 0
  private var line = 1
  private var lineStart = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    // A UTF-8 byte-order mark is allowed before the document.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      offset = 3
      lineStart = 3
    }
  }

  /// Parses the whole document.
  /// - Throws: `SyntaxError` at the first byte that breaks the grammar.
  mutating func parse() throws -> JSONValue {
    let value = try parseValue(path: "")
    skipWhitespace()
    guard offset == bytes.count else { throw error("the end of the document") }
    return value
  }

  private var column: Int { offset - lineStart + 1 }

  private func error(_ expected: String) -> SyntaxError {
    SyntaxError(line: line, column: column, expected: expected, duplicateKey: nil)
  }

  private mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0D:
        offset += 1
      case 0x0A:
        offset += 1
        line += 1
        lineStart = offset
      default:
        return
      }
    }
  }

  private mutating func parseValue(path: String) throws -> JSONValue {
    skipWhitespace()
    locations[path] = (line, column)
    guard offset < bytes.count else { throw error("a value") }

    switch bytes[offset] {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard depth < Self.maximumDepth else {
        throw error("at most \(Self.maximumDepth) nested objects and arrays")
      }
      depth += 1
      defer { depth -= 1 }
      return bytes[offset] == UInt8(ascii: "{")
        ? try parseObject(path: path) : try parseArray(path: path)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    default: return try parseNumber()
    }
  }

  private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws -> JSONValue {
    let wordBytes = Array(word.utf8)
    guard bytes[offset...].starts(with: wordBytes) else { throw error("a value") }
    offset += wordBytes.count
    return value
  }

  private mutating func parseObject(path: String) throws -> JSONValue {
    offset += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
      offset += 1
      return .object(members)
    }

    while true {
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
        throw error("a quoted key")
      }
      let keyLine = line
      let keyColumn = column
      let key = try parseString()
      let memberPath = path.isEmpty ? key : "\(path).\(key)"
      if members.contains(where: { $0.key == key }) {
        throw SyntaxError(line: keyLine, column: keyColumn, expected: "", duplicateKey: memberPath)
      }
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("\":\"") }
      offset += 1
      let value = try parseValue(path: memberPath)
      // The key's own position reads better in messages than its value's.
      locations[memberPath] = (keyLine, keyColumn)
      members.append((key, value))

      skipWhitespace()
      guard offset < bytes.count else { throw error("\",\" or \"}\"") }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      guard bytes[offset] == UInt8(ascii: "}") else { throw error("\",\" or \"}\"") }
      offset += 1
      return .object(members)
    }
  }

  private mutating func parseArray(path: String) throws -> JSONValue {
    offset += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
      offset += 1
      return .array(elements)
    }

    while true {
      elements.append(try parseValue(path: "\(path)[\(elements.count)]"))
      skipWhitespace()
      guard offset < bytes.count else { throw error("\",\" or \"]\"") }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      guard bytes[offset] == UInt8(ascii: "]") else { throw error("\",\" or \"]\"") }
      offset += 1
      return .array(elements)
    }
  }

  private mutating func parseString() throws -> String {
    offset += 1
    var scalars: [UInt8] = []
    while offset < bytes.count {
      let byte = bytes[offset]
      offset += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: scalars, as: UTF8.self) else {
          throw error("UTF-8 text")
        }
        return text
      case UInt8(ascii: "\\"):
        try appendEscape(to: &scalars)
      case 0x00..<0x20:
        throw error("an escaped control character")
      default:
        scalars.append(byte)
      }
    }
    throw error("a closing quote")
  }

  private mutating func appendEscape(to output: inout [UInt8]) throws {
    guard offset < bytes.count else { throw error("an escape sequence") }
    let byte = bytes[offset]
    offset += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "u"):
      var code = try parseHex4()
      if (0xD800..<0xDC00).contains(code) {
        // A high surrogate must be followed by an escaped low surrogate.
        guard bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
          throw error("a low surrogate")
        }
        offset += 2
        let low = try parseHex4()
        guard (0xDC00..<0xE000).contains(low) else { throw error("a low surrogate") }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(code) else { throw error("a valid code point") }
      output.append(contentsOf: Array(String(Character(scalar)).utf8))
    default:
      throw error("an escape sequence")
    }
  }

  private mutating func parseHex4() throws -> UInt32 {
    guard offset + 4 <= bytes.count,
      let text = String(validating: bytes[offset..<offset + 4], as: UTF8.self),
      let value = UInt32(text, radix: 16)
    else { throw error("four hexadecimal digits") }
    offset += 4
    return value
  }

  private mutating func parseNumber() throws -> JSONValue {
    let start = offset
    while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) {
      offset += 1
    }
    guard offset > start,
      let text = String(validating: bytes[start..<offset], as: UTF8.self),
      let value = Double(text)
    else {
      offset = start
      throw error("a value")
    }
    guard value.isFinite else {
      offset = start
      throw error("a number within the range of a double (about ±1.8e308)")
    }
    return .number(value)
  }
}
