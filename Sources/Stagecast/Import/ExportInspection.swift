/// The reading of an export, as `stagecast inspect` shows it.
///
/// It contains the encoding, delimiter, profile, each header and its field, the stage and status values and their meaning, the date
/// order per column, and the first problems. `stagecast inspect` prints it.
public struct ExportInspection: Sendable {
  /// One header of the file and what became of it.
  public struct Column: Sendable {
    /// 1-based position.
    public var position: Int
    public var header: String
    /// Canonical field, `history.stageColumns.<id>`, or nil when unused.
    public var field: String?
    /// The reason an unused column is unused, or the unit or currency a mapped one carries.
    public var note: ColumnNote?
  }

  /// Extra facts about a column.
  public enum ColumnNote: Equatable, Sendable {
    /// Amounts in the column are scaled by 10^power (万元: 4).
    case unit(power: Int)
    /// The header names a currency.
    case currency(String)
    /// A further column of a split field (a close date in `Won time` and `Lost time`).
    case alternative
    /// The profile recognises the column, and stagecast does not read it.
    case knownUnused
    /// No alias or configured name matches the header.
    case unknown
  }

  /// A distinct cell value of the stage or status column.
  public struct Value: Sendable {
    public var text: String
    public var count: Int
    public var firstLine: Int
    /// The meaning the value maps to.
    public var meaning: ValueMeaning
    /// Mean owner's probability of deals with this value (0–1), when the export has one.
    public var meanProbability: Double?
  }

  /// The meaning of a stage or status value under the configuration.
  public enum ValueMeaning: Equatable, Sendable {
    /// The stage at this 1-based index.
    case stage(Int)
    case outcome(DealStatus)
    case unknown
  }

  /// The day–month order of a date column, as read.
  public struct DateColumn: Sendable {
    public var field: String
    public var header: String
    public var order: DateColumnOrder
  }

  public var file: String
  public var encoding: TextEncoding
  /// `,`, `;` or a tab.
  public var delimiter: String
  public var profile: SourceProfile
  public var rows: Int
  public var deals: Int
  public var columns: [Column]
  public var stageValues: [Value]
  public var statusValues: [Value]
  public var dates: [DateColumn]
  /// Rejected rows and unreadable values, in line order.
  public var problems: [RejectedRow]
  public var footerLines: [Int]
  /// Whether the export carries the owner's probability.
  public var hasProbability: Bool
  /// No stage or status column: `report` cannot place the deals.
  public var isMissingStage: Bool
  /// The headers hold a stage history's id, stage and date: the file is one.
  public var looksLikeHistory: Bool

  /// Imports `path` and describes how it was understood.
  /// - Throws: `ImportError` when the file cannot be read or its columns placed.
  public static func inspect(
    path: String, configuration: Configuration, encoding: TextEncoding? = nil
  ) throws -> ExportInspection {
    var importer = OpportunityImporter(configuration: configuration, encoding: encoding)
    importer.allowsMissingStage = true
    let imported = try importer.importOpportunities(from: path)
    let mapping = imported.mapping
    let vocabulary = Vocabulary(
      configuration: configuration, statusCodes: imported.profile.statusCodes)
    let knownUnused = Set(imported.profile.knownUnusedHeaders.map(normalizedHeader))

    var fieldOf: [Int: String] = [:]
    for (field, index) in mapping.columns { fieldOf[index] = field.rawValue }
    for column in imported.stageColumns {
      fieldOf[column.column] = "history.stageColumns.\(configuration.stages[column.stage - 1].id)"
    }
    let alternatives = Set(mapping.alternativeColumns.values.joined())

    let columns = mapping.headers.enumerated().map { index, header -> Column in
      var note: ColumnNote?
      var field = fieldOf[index]
      if alternatives.contains(index) {
        field = OpportunityField.closedOn.rawValue
        note = .alternative
      } else if field == OpportunityField.amount.rawValue {
        if let currency = mapping.amountCurrency, mapping.amountScale == 0 {
          note = .currency(currency)
        } else if mapping.amountScale != 0 {
          note = .unit(power: mapping.amountScale)
        }
      } else if field == nil {
        note = knownUnused.contains(normalizedHeader(header)) ? .knownUnused : .unknown
      }
      return Column(position: index + 1, header: header, field: field, note: note)
    }

    func values(_ tallies: [String: ValueTally], status: Bool) -> [Value] {
      tallies.map { text, tally in
        var meaning = ValueMeaning.unknown
        if status {
          // A status cell is read as a status only, as the import does.
          if let outcome = vocabulary.status(text) { meaning = .outcome(outcome) }
        } else {
          switch vocabulary.stageWord(text) {
          case .stage(let index)?: meaning = .stage(index)
          case .outcome(let outcome)?: meaning = .outcome(outcome)
          case nil: break
          }
        }
        return Value(
          text: text, count: tally.count, firstLine: tally.firstLine, meaning: meaning,
          meanProbability: tally.meanProbability)
      }.sorted { ($0.firstLine, $0.text) < ($1.firstLine, $1.text) }
    }

    let dates = imported.dateOrders.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap {
      field, order -> DateColumn? in
      guard let header = mapping.header(of: field) else { return nil }
      return DateColumn(field: field.rawValue, header: header, order: order)
    }

    return ExportInspection(
      file: path, encoding: imported.encoding,
      delimiter: String(UnicodeScalar(imported.delimiter)), profile: imported.profile,
      rows: imported.rowCount, deals: imported.opportunities.count, columns: columns,
      stageValues: values(imported.stageValues, status: false),
      statusValues: values(imported.statusValues, status: true), dates: dates,
      problems: imported.rejects, footerLines: imported.footerLines,
      hasProbability: mapping.columns[.probability] != nil, isMissingStage: imported.isMissingStage,
      looksLikeHistory: HistoryImporter.headersNameEveryField(
        mapping.headers, configuration: configuration, file: path))
  }

}
