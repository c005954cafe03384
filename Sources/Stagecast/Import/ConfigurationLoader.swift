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
    let bytes: [UInt8]
    do {
      bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ConfigurationError(
        file: path, key: "", line: nil, column: nil,
        problem: .unreadable(reason: (error as NSError).localizedDescription))
    }
    return try load(userJSON: bytes, file: path)
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
        throw ConfigurationError(
          file: file, key: "", line: syntax.line, column: syntax.column,
          problem: .syntax(expected: syntax.expected))
      }
    }

    var decoder = ConfigurationDecoder(file: file, locations: locations)
    return try decoder.decode(tree)
  }
}
