/// A long-format stage history as imported, with its rejects.
public struct ImportedHistory: Sendable {
  public var file: String
  public var history: StageHistory
  public var rejects: [RejectedRow]
  public var mapping: ColumnMapping<HistoryField>
  public var encoding: TextEncoding
  public var delimiter: UInt8
}

/// Reads a long-format stage history: one row per (opportunity id, stage, date entered).
public struct HistoryImporter {
  public var configuration: Configuration
  public var encoding: TextEncoding?

  public init(configuration: Configuration, encoding: TextEncoding? = nil) {
    self.configuration = configuration
    self.encoding = encoding
  }

  /// Imports `path`; rows are matched to `opportunities` by id.
  /// - Throws: `ImportError` when the file cannot be read or lacks a column.
  /// - Complexity: O(rows + opportunities).
  public func importHistory(from path: String, for opportunities: [Opportunity]) throws
    -> ImportedHistory
  {
    let reader = try CSVReader(path: path, encoding: encoding)
    let vocabulary = Vocabulary(configuration: configuration)
    var index: [String: Int32] = [:]
    index.reserveCapacity(opportunities.count)
    for (position, deal) in opportunities.enumerated() { index[deal.id] = Int32(position) }

    var mapping: ColumnMapping<HistoryField>?
    var history = StageHistory()
    history.entries.reserveCapacity(reader.estimatedRecordCount)
    var rejects: [RejectedRow] = []
    var evidence = DateParser.OrderEvidence()
    var pending: [(entry: Int, line: Int, raw: String, parts: (Int, Int, Int))] = []

    try reader.forEachRecord { record in
      guard let columns = mapping else {
        let found = try ColumnMatcher.map(
          headers: record.fields, explicit: configuration.historyColumns,
          aliases: HeaderAliases.history, keyPrefix: "history.columns", file: path)
        for field in HistoryField.allCases where found.columns[field] == nil {
          throw ImportError.missingColumn(
            file: path, key: "history.columns.\(field.rawValue)", headers: record.fields)
        }
        mapping = found
        return
      }
      history.rowCount += 1

      func value(_ field: HistoryField) -> String {
        guard let column = columns.columns[field], column < record.fields.count else { return "" }
        let text = record.fields[column]
        return vocabulary.isEmpty(text) ? "" : text
      }
      func reject(_ field: HistoryField, _ reason: RejectReason) {
        rejects.append(
          RejectedRow(
            file: path, line: record.line, column: columns.header(of: field) ?? "",
            value: value(field), reason: reason, isRowKept: false,
            columnNumber: columns.columns[field].map { $0 + 1 }))
      }

      let expected = columns.headers.count
      if record.fields.count < expected
        || (record.fields.count > expected && !record.fields[expected...].allSatisfy(\.isEmpty))
      {
        rejects.append(
          RejectedRow(
            file: path, line: record.line, column: "", value: "",
            reason: .fieldCount(found: record.fields.count, expected: expected), isRowKept: false))
        return
      }

      let id = value(.id)
      guard !id.isEmpty else { return reject(.id, .historyMissingID) }
      let stage: Int
      switch vocabulary.stageWord(value(.stage)) {
      case .stage(let index)?:
        stage = index
      case .outcome?:
        history.outcomeRows += 1
        return
      case nil:
        history.unknownStageRows += 1
        return reject(.stage, .historyUnknownStage)
      }
      guard let opportunity = index[id] else {
        history.unknownOpportunityRows += 1
        return
      }

      let raw = value(.enteredOn)
      switch DateParser.parse(raw, order: configuration.dateOrder, evidence: &evidence) {
      case .day(let day):
        history.entries.append(
          StageEntry(opportunity: opportunity, stage: Int8(stage), enteredOn: day))
      case .ambiguous(let first, let second, let year):
        pending.append((history.entries.count, record.line, raw, (first, second, year)))
        history.entries.append(
          StageEntry(
            opportunity: opportunity, stage: Int8(stage), enteredOn: Day(daysSinceEpoch: 0)))
      case .invalid:
        reject(.enteredOn, .historyInvalidDate)
      }
    }
    guard let mapping else { throw ImportError.empty(file: path) }

    var unreadableEntries: Set<Int> = []
    let order = evidence.order(default: .mdy)
    for (entry, line, raw, parts) in pending {
      if let day = DateParser.resolve(first: parts.0, second: parts.1, year: parts.2, order: order)
      {
        history.entries[entry].enteredOn = day
      } else {
        unreadableEntries.insert(entry)
        rejects.append(
          RejectedRow(
            file: path, line: line, column: mapping.header(of: .enteredOn) ?? "", value: raw,
            reason: .historyInvalidDate, isRowKept: false,
            columnNumber: mapping.columns[.enteredOn].map { $0 + 1 }))
      }
    }
    if !unreadableEntries.isEmpty {
      history.entries = history.entries.enumerated()
        .filter { !unreadableEntries.contains($0.offset) }.map(\.element)
    }
    for lost in reader.unreadable {
      rejects.append(
        RejectedRow(
          file: path, line: lost.line, column: "", value: "", reason: lost.reason, isRowKept: false)
      )
    }

    return ImportedHistory(
      file: path, history: history, rejects: rejects.sorted { $0.line < $1.line }, mapping: mapping,
      encoding: reader.format.encoding, delimiter: reader.format.delimiter)
  }
}
