/// A problem that stops the import of a file (bad rows are `RejectedRow`s instead).
public enum ImportError: Error, Equatable, Sendable {
  /// The file does not exist.
  case fileNotFound(file: String)
  /// The file exists but cannot be read; `reason` is the system's message.
  case unreadable(file: String, reason: String)
  /// The file has no header line.
  case empty(file: String)
  /// The bytes at `line` are not valid in `encoding`.
  case invalidEncoding(file: String, line: Int, encoding: String)
  /// `--encoding` names an encoding iconv cannot convert from.
  case unsupportedEncoding(file: String, encoding: String)
  /// libcsv failed at `line`; `detail` is its message.
  case csv(file: String, line: Int, detail: String)
  /// A required field has no column; `headers` lists what the file has.
  case missingColumn(file: String, key: String, headers: [String])
  /// The configuration names a column the file does not have.
  case configuredColumnNotFound(file: String, key: String, column: String, headers: [String])
  /// Two columns map to the same field.
  case duplicateColumn(file: String, key: String, columns: [String])
  /// A header means different fields in different systems and nothing
  /// settles it; `readings` describe each meaning, `keys` the configuration
  /// keys that settle it.
  case ambiguousColumn(file: String, header: String, readings: [LocalizedText], keys: [String])

  /// The file the problem is in.
  public var file: String {
    switch self {
    case .fileNotFound(let file), .unreadable(let file, _), .empty(let file),
      .invalidEncoding(let file, _, _), .unsupportedEncoding(let file, _), .csv(let file, _, _),
      .missingColumn(let file, _, _), .configuredColumnNotFound(let file, _, _, _),
      .duplicateColumn(let file, _, _), .ambiguousColumn(let file, _, _, _):
      return file
    }
  }
}
