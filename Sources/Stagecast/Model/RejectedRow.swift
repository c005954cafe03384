/// A row, or one value of a row, that the import could not use.
///
/// Rejected rows are data, not exceptions: they are counted, written to
/// `rejects.csv` and listed in the report's data-quality section.
public struct RejectedRow: Equatable, Sendable {
  public var file: String
  /// Physical line where the row starts.
  public var line: Int
  /// Header of the column the value came from; empty for a whole-row problem.
  public var column: String
  /// The raw cell value, or empty for a whole-row problem.
  public var value: String
  public var reason: RejectReason
  /// Whether the row still counts (an unreadable value read as missing) or was dropped.
  public var isRowKept: Bool
  /// 1-based position of the column, when the problem is in one cell.
  public var columnNumber: Int?
}

/// Why a row or value was rejected.
public enum RejectReason: Equatable, Sendable {
  /// A quoted field opened on `startLine` is never closed; lines up to
  /// `lastLine`, the end of the file, are unreadable.
  case unterminatedQuote(startLine: Int, lastLine: Int)
  /// The row has `found` fields where the header has `expected`.
  case fieldCount(found: Int, expected: Int)
  /// The stage is neither a configured stage nor an outcome word.
  case unknownStage
  /// The status is not an outcome or open word.
  case unknownStatus
  /// The row has no stage and no status, so it cannot be placed in the funnel.
  case missingStage
  /// The id cell is empty although the file has an id column.
  case missingID
  /// The id repeats with different deal fields on `otherLines`; no row of it is used.
  case conflictingDuplicateID(otherLines: [Int])
  /// The amount is not a number.
  case invalidAmount
  /// Thousands separators are not in groups of three (`1,23,4`).
  case invalidDigitGrouping
  /// The date is not in a known format or names no real day.
  case invalidDate
  /// The probability is not a number from 0 to 100 %.
  case invalidProbability
  /// The grade is not A–E.
  case invalidGrade
  /// The currency has no exchange rate in the configuration.
  case missingExchangeRate(currency: String)
  /// The stage is an outcome word while the status column says open; the
  /// deal is placed at the first stage.
  case outcomeStageOnOpenDeal
  /// A time-in-stage cell that is neither a number nor `HH:mm:ss`.
  case invalidTimeInStage
  /// A lost-at stage that is not a configured stage.
  case unknownLostAtStage
  /// A team row names a role the configuration does not have.
  case unknownRole
  /// A history row whose id is empty.
  case historyMissingID
  /// A history row without a readable entry date.
  case historyInvalidDate
  /// A history row whose stage word is unknown.
  case historyUnknownStage
}
