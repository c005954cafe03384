import Foundation

/// Builds a `Configuration` from the built-in default and an optional JSON file.
public enum ConfigurationLoader {
  /// The built-in default configuration.
  public static func defaultConfiguration() -> Configuration {
    do {
      return try load(userJSON: nil, file: "<built-in>")
    } catch {
      preconditionFailure("The built-in configuration must decode: \(error)")
    }
  }

  /// Reads `path` and merges it over the built-in default.
  /// - Throws: `ConfigurationError` naming the file and key of the first problem.
  public static func load(path: String) throws -> Configuration {
    do {
      return try load(userJSON: readWholeFile(path), file: path)
    } catch let failure as ReadFailure {
      throw ConfigurationError(
        file: path, key: "", line: nil, column: nil, problem: .unreadable(reason: failure.reason))
    }
  }

  /// Merges `userJSON` (when given) over the built-in default and decodes the result.
  public static func load(userJSON: [UInt8]?, file: String) throws -> Configuration {
    var defaultParser = JSONParser(bytes: Array(Configuration.defaultJSON.utf8))
    // Force try: the built-in text is a constant that a test parses.
    // swift-format-ignore: NeverUseForceTry
    var tree = try! defaultParser.parse()
    var locations: [String: (line: Int, column: Int)] = [:]

    if let userJSON {
      var parser = JSONParser(bytes: userJSON)
      do {
        let user = try parser.parse()
        guard case .object = user else {
          throw ConfigurationError(
            file: file, key: "", line: 1, column: 1, problem: .wrongType(expected: "object"))
        }
        tree = tree.merged(with: user)
        locations = parser.locations
      } catch let syntax as JSONParser.SyntaxError {
        if let key = syntax.duplicateKey {
          throw ConfigurationError(
            file: file, key: key, line: syntax.line, column: syntax.column, problem: .duplicateKey)
        }
        throw ConfigurationError(
          file: file, key: "", line: syntax.line, column: syntax.column,
          problem: .syntax(expected: syntax.expected))
      }
    }

    var decoder = ConfigurationDecoder(file: file, locations: locations)
    return try decoder.decode(tree)
  }
}

/// A file that could not be read, with the system's reason (`strerror`).
struct ReadFailure: Error {
  var reason: String
}

/// Reads a small file whole with POSIX calls, so a failure carries the
/// system's own words ("No such file or directory", "Is a directory").
func readWholeFile(_ path: String) throws -> [UInt8] {
  guard !path.isEmpty else { throw ReadFailure(reason: String(cString: strerror(ENOENT))) }
  guard let file = fopen(path, "rb") else {
    throw ReadFailure(reason: String(cString: strerror(errno)))
  }
  defer { fclose(file) }

  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    if count == 0 {
      if ferror(file) != 0 { throw ReadFailure(reason: String(cString: strerror(errno))) }
      return bytes
    }
    bytes += chunk[0..<count]
  }
}
