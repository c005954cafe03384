/// A configuration file that cannot be used, with the place and the key.
public struct ConfigurationError: Error, Equatable, Sendable {
  /// What is wrong with the key or the file.
  public enum Problem: Equatable, Sendable {
    /// The file could not be opened or read; `reason` is the system's message.
    case unreadable(reason: String)
    /// The file is not valid JSON; `expected` names what the parser needed.
    case syntax(expected: String)
    /// The same key appears twice in one object, so one value would be lost.
    case duplicateKey
    /// The key is not part of the configuration; `suggestion` is the closest known key.
    case unknownKey(suggestion: String?)
    /// The value has the wrong JSON type; `expected` names the right one.
    case wrongType(expected: String)
    /// A key that must be given is missing; `expected` names its type.
    case missingKey(expected: String)
    /// The value has the right type but cannot be used; `detail` says why.
    case invalidValue(detail: String)
  }

  /// Path of the configuration file as given on the command line.
  public var file: String
  /// Key path such as `forecast.seed` or `stages[2].aliases`; empty for the whole file.
  public var key: String
  /// Physical line and column of the key, when known.
  public var line: Int?
  public var column: Int?
  public var problem: Problem
}
