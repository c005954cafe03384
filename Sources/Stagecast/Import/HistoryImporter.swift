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
public struct HistoryImporter: Sendable {
  public var configuration: Configuration
  public var encoding: TextEncoding?
  /// Called with the share of the file read so far, chunk by chunk.
  public var progress: (@Sendable (Double) -> Void)?

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
    try readHistory(from: path).matched(to: opportunities)
  }

  /// Returns whether `headers` give a column to each history field: an id,
  /// a stage and an entry date.
  static func headersNameEveryField(
    _ headers: [String], configuration: Configuration, file: String
  ) -> Bool {
    guard
      let mapping = try? ColumnMatcher.map(
        headers: headers, explicit: configuration.historyColumns, aliases: HeaderAliases.history,
        file: file)
    else { return false }
    return HistoryField.allCases.allSatisfy { mapping.columns[$0] != nil }
  }

  /// Whether the file at `path` is a stage history rather than an export:
  /// its headers give an id, a stage and an entry date, and no other field
  /// of an opportunity export (amount, owner, status, dates of the deal).
  /// - Throws: `ImportError` when the file cannot be read.
  public func isStageHistory(_ path: String) throws -> Bool {
    struct HeaderRead: Error {}
    var headers: [String] = []
    do {
      try CSVReader(path: path, encoding: encoding).forEachRecord { record in
        headers = record.fields
        throw HeaderRead()
      }
    } catch is HeaderRead {}

    guard Self.headersNameEveryField(headers, configuration: configuration, file: path) else {
      return false
    }
    let export = try? ColumnMatcher.map(
      headers: headers, explicit: [:], aliases: HeaderAliases.opportunity, splittable: [.closedOn],
      file: path)
    let fields = Set(export?.columns.keys.map { $0 } ?? [])
    return fields.isSubset(of: [.id, .stage])
  }

  /// Reads a history without the export, so it can run beside the export's
  /// import; `UnmatchedHistory.matched(to:)` then ties rows to deals by id.
  /// - Throws: `ImportError` when the file cannot be read or lacks a column.
  /// - Complexity: O(rows).
  public func readHistory(from path: String) throws -> UnmatchedHistory {
    try readHistory(from: path, derivesDeals: false)
  }

  /// Reads an export that is itself a stage history and builds its deals:
  /// one per id, closed by its latest outcome row, open at its latest stage
  /// otherwise, created on its first entry, and without an amount.
  /// - Throws: `ImportError` when the file cannot be read or lacks a column.
  /// - Complexity: O(rows).
  public func derivedDeals(from path: String) throws -> (
    opportunities: [Opportunity], history: ImportedHistory
  ) {
    try readHistory(from: path, derivesDeals: true).derivedDeals()
  }

  /// Reads the rows, and with `derivesDeals` the outcome rows and each id's
  /// first line, which only deals built from the history need.
  private func readHistory(from path: String, derivesDeals: Bool) throws -> UnmatchedHistory {
    let reader = try CSVReader(path: path, encoding: encoding)
    reader.progress = progress
    var rowReader: HistoryRowReader?

    try reader.forEachRecord { record in
      guard rowReader != nil else {
        let found = try ColumnMatcher.map(
          headers: record.fields, explicit: configuration.historyColumns,
          aliases: HeaderAliases.history, keyPrefix: "history.columns", file: path)
        for field in HistoryField.allCases where found.columns[field] == nil {
          throw ImportError.missingColumn(
            file: path, key: "history.columns.\(field.rawValue)", headers: record.fields)
        }
        rowReader = HistoryRowReader(
          path: path, mapping: found, configuration: configuration,
          expectedRows: reader.estimatedRecordCount, derivesDeals: derivesDeals)
        return
      }
      // Optional chaining changes the reader in place, without a copy per row.
      rowReader?.add(record)
    }
    guard var rowReader = rowReader.take() else { throw ImportError.empty(file: path) }

    rowReader.finish()
    var rows = rowReader.rows
    for lost in reader.unreadable {
      rows.rejects.append(
        RejectedRow(
          file: path, line: lost.line, column: "", value: "", reason: lost.reason, isRowKept: false)
      )
    }
    rows.encoding = reader.format.encoding
    rows.delimiter = reader.format.delimiter
    return rows
  }
}

/// Turns the records of one history file into entries, row by row.
///
/// A value with its state as stored properties: as variables captured by
/// the reading closure, each access went through a heap box, with a retain
/// and a release, on three million rows.
private struct HistoryRowReader {
  let path: String
  let mapping: ColumnMapping<HistoryField>
  let vocabulary: Vocabulary
  private let emptyCells: EmptyCellTest
  let dateOrder: DateOrder
  let idColumn: Int
  let stageColumn: Int
  let dateColumn: Int
  /// Whether outcome rows and first lines are kept, for deals built from
  /// the history.
  ///
  /// Beside a separate export they are not kept. At a million deals they
  /// came to 37 MB, and growing their arrays touched about as much again.
  let derivesDeals: Bool
  private(set) var rows: UnmatchedHistory
  /// The ids seen so far, by the number each entry keeps until it is matched.
  private var idTable = TextTable()
  private var idBatch = IDBatch()
  private var stageWords = CellMemo<StageWord?>()
  private var evidence = DateParser.OrderEvidence()
  private var pending: [(entry: Int, line: Int, raw: String, parts: (Int, Int, Int))] = []

  init(
    path: String, mapping: ColumnMapping<HistoryField>, configuration: Configuration,
    expectedRows: Int, derivesDeals: Bool
  ) {
    self.path = path
    self.derivesDeals = derivesDeals
    self.mapping = mapping
    vocabulary = Vocabulary(configuration: configuration)
    emptyCells = vocabulary.emptyCellTest
    dateOrder = configuration.dateOrder
    // Every history field has a column: the caller checked the header.
    idColumn = mapping.columns[.id] ?? 0
    stageColumn = mapping.columns[.stage] ?? 0
    dateColumn = mapping.columns[.enteredOn] ?? 0
    rows = UnmatchedHistory(file: path)
    rows.mapping = mapping
    // A deal has a few entries; a short guess only costs the table a growth.
    idTable = TextTable(capacity: expectedRows / 3)
    rows.entries.reserveCapacity(expectedRows)
  }

  mutating func add(_ record: CSVRecord) {
    rows.history.rowCount += 1

    let expected = mapping.headers.count
    if record.count < expected
      || (record.count > expected && !(expected..<record.count).allSatisfy(record.isEmpty))
    {
      rows.rejects.append(
        RejectedRow(
          file: path, line: record.line, column: "", value: "",
          reason: .fieldCount(found: record.count, expected: expected), isRowKept: false))
      return
    }
    record.withCells { addCells(record, $0) }
  }

  private mutating func addCells(_ record: CSVRecord, _ cells: CSVRecord.Cells) {
    let vocabulary = vocabulary
    let emptyCells = emptyCells
    func value(_ column: Int) -> UnsafeBufferPointer<UInt8> {
      let cell = cells[column]
      return emptyCells.isEmpty(cell) ? UnsafeBufferPointer(start: nil, count: 0) : cell
    }

    let id = value(idColumn)
    guard !id.isEmpty else { return reject(record, .id, id, .historyMissingID) }
    let stage: Int
    switch stageWords.value(of: value(stageColumn), compute: vocabulary.stageWord) {
    case .stage(let index)?:
      stage = index
    case .outcome(let outcome)?:
      rows.history.outcomeRows += 1
      // Beside a separate export, the export decides outcomes.
      guard derivesDeals else { return }
      var ignored = DateParser.OrderEvidence()
      if case .day(let day) = DateParser.parse(
        value(dateColumn), order: dateOrder, evidence: &ignored)
      {
        rows.outcomes.append((String(decoding: id, as: UTF8.self), outcome, day, record.line))
      }
      return
    case nil:
      rows.history.unknownStageRows += 1
      return reject(record, .stage, value(stageColumn), .historyUnknownStage)
    }

    let raw = value(dateColumn)
    var entry = StageEntry(opportunity: -1, stage: Int8(stage), enteredOn: Day(daysSinceEpoch: 0))
    switch DateParser.parse(raw, order: dateOrder, evidence: &evidence) {
    case .day(let day):
      entry.enteredOn = day
    case .ambiguous(let first, let second, let year):
      pending.append(
        (
          rows.entries.count, record.line, String(decoding: raw, as: UTF8.self),
          (first, second, year)
        ))
    case .invalid:
      return reject(record, .enteredOn, raw, .historyInvalidDate)
    }
    idBatch.add(id, line: record.line, lookup: idTable.prepare(id))
    rows.entries.append(entry)
    if idBatch.isFull { flushIDs() }
  }

  private mutating func flushIDs() {
    idBatch.flush(into: &rows, table: &idTable, keepingFirstLines: derivesDeals)
  }

  private mutating func reject(
    _ record: CSVRecord, _ field: HistoryField, _ value: UnsafeBufferPointer<UInt8>,
    _ reason: RejectReason
  ) {
    rows.rejects.append(
      RejectedRow(
        file: path, line: record.line, column: mapping.header(of: field) ?? "",
        value: String(decoding: value, as: UTF8.self), reason: reason,
        isRowKept: false, columnNumber: mapping.columns[field].map { $0 + 1 }))
  }

  /// Numbers the last ids and settles the dates whose day–month order
  /// needed the whole column.
  mutating func finish() {
    flushIDs()
    // Matching reads the ids in order and looks each up in the export's
    // table: this table's slots, most of its memory, are not needed again.
    rows.ids = idTable.texts()
    idTable = TextTable()

    var unreadableEntries: Set<Int> = []
    let order = evidence.order(default: .mdy)
    for (entry, line, raw, parts) in pending {
      if let day = DateParser.resolve(first: parts.0, second: parts.1, year: parts.2, order: order)
      {
        rows.entries[entry].enteredOn = day
      } else {
        unreadableEntries.insert(entry)
        rows.rejects.append(
          RejectedRow(
            file: path, line: line, column: mapping.header(of: .enteredOn) ?? "", value: raw,
            reason: .historyInvalidDate, isRowKept: false,
            columnNumber: mapping.columns[.enteredOn].map { $0 + 1 }))
      }
    }
    rows.unreadableEntries = unreadableEntries
  }
}

/// A stage history read without the export: its entries carry the deal's
/// id as text until `matched(to:)` ties them to the imported deals.
public struct UnmatchedHistory: Sendable {
  var file: String
  var history = StageHistory()
  /// Each distinct id of the file, numbered as first seen.
  var ids = TextList()
  /// The line of each id's first entry, by id number, when the deals are
  /// built from the history.
  var firstLines: [Int] = []
  /// Outcome rows (Closed Won on a date) with their id and line, when
  /// the deals are built from the history.
  var outcomes: [(id: String, status: DealStatus, day: Day, line: Int)] = []
  /// The entries read, each with its id's number in `ids` as its
  /// `opportunity` until `matched(to:)` puts the deal's position there.
  ///
  /// The number is kept in the entry, because an array beside the entries
  /// took 12 MB more at three million entries.
  var entries: [StageEntry] = []
  /// Entries whose date turned out unreadable once the column's order was known.
  var unreadableEntries: Set<Int> = []
  var rejects: [RejectedRow] = []
  var mapping = ColumnMapping<HistoryField>(headers: [], columns: [:])
  var encoding = TextEncoding.utf8
  var delimiter: UInt8 = 0x2C

  init(file: String) {
    self.file = file
  }

  /// Ties each entry to its deal by id; rows for unknown ids are counted.
  /// - Complexity: O(entries + deals).
  public consuming func matched(to opportunities: [Opportunity]) -> ImportedHistory {
    var dealIDs = TextTable(capacity: opportunities.count)
    for deal in opportunities {
      var id = deal.id
      _ = id.withUTF8 { dealIDs.insert($0) }
    }
    return matched(to: IDIndex(table: dealIDs, positions: nil))
  }

  /// Ties each entry to its deal through the export's id index.
  ///
  /// Consuming, so the matched entries are written over the read ones: a
  /// history of three million entries is not held twice.
  /// - Complexity: O(entries + distinct ids).
  consuming func matched(to index: IDIndex) -> ImportedHistory {
    // Each distinct id is looked up once, not once per entry.
    let dealOfID = index.deals(of: ids)
    ids = TextList()

    var history = self.history
    var entries = self.entries
    self.entries = []
    var matchedCount = 0
    for position in entries.indices {
      if !unreadableEntries.isEmpty, unreadableEntries.contains(position) { continue }
      let opportunity = dealOfID[Int(entries[position].opportunity)]
      guard opportunity >= 0 else {
        history.unknownOpportunityRows += 1
        continue
      }
      entries[matchedCount] = entries[position]
      entries[matchedCount].opportunity = opportunity
      matchedCount += 1
    }
    entries.removeSubrange(matchedCount...)
    history.entries = entries
    return ImportedHistory(
      file: file, history: history, rejects: rejects.sorted { $0.line < $1.line }, mapping: mapping,
      encoding: encoding, delimiter: delimiter)
  }

  /// Builds the deals of an export that is itself a stage history, read
  /// with its outcome rows kept: see `HistoryImporter.derivedDeals(from:)`.
  /// - Complexity: O(entries + outcome rows).
  func derivedDeals() -> (opportunities: [Opportunity], history: ImportedHistory) {
    var position: [String: Int] = [:]
    var deals: [Opportunity] = []
    func deal(_ id: String, line: Int) -> Int {
      if let known = position[id] { return known }
      position[id] = deals.count
      deals.append(
        Opportunity(
          id: id, line: line, notValuedReason: .missingAmount, status: .open, stageIndex: nil,
          ledByPartner: false))
      return deals.count - 1
    }

    var latest: [Int: (day: Day, stage: Int)] = [:]
    var entries: [StageEntry] = []
    for (index, var entry) in self.entries.enumerated() where !unreadableEntries.contains(index) {
      let number = Int(entry.opportunity)
      let owner = deal(ids[number], line: firstLines[number])
      entry.opportunity = Int32(owner)
      entries.append(entry)
      if deals[owner].createdOn.map({ entry.enteredOn < $0 }) ?? true {
        deals[owner].createdOn = entry.enteredOn
      }
      // The latest entry is the current stage; on one day, the higher stage.
      let stage = Int(entry.stage)
      if let seen = latest[owner], (seen.day, seen.stage) >= (entry.enteredOn, stage) { continue }
      latest[owner] = (entry.enteredOn, stage)
    }
    for (owner, last) in latest { deals[owner].stageIndex = last.stage }
    for outcome in outcomes.sorted(by: { $0.day < $1.day }) {
      let owner = deal(outcome.id, line: outcome.line)
      deals[owner].status = outcome.status
      deals[owner].closedOn = outcome.day
    }

    var history = self.history
    history.entries = entries
    return (
      deals,
      ImportedHistory(
        file: file, history: history, rejects: rejects.sorted { $0.line < $1.line },
        mapping: mapping,
        encoding: encoding, delimiter: delimiter)
    )
  }
}

/// History ids waiting for their number, a batch at a time.
///
/// Each id's table slot is fetched when its row is read and looked up a few
/// dozen rows later. The cache misses of a batch then overlap instead of
/// stalling the reader one by one, and they were a third of its time.
private struct IDBatch {
  static let capacity = 32

  private var bytes: [UInt8] = []
  private var ends: [Int] = []
  private var lines: [Int] = []
  private var lookups: [TextTable.Lookup] = []

  var isFull: Bool { ends.count == Self.capacity }

  init() {
    bytes.reserveCapacity(Self.capacity * 16)
    ends.reserveCapacity(Self.capacity)
    lines.reserveCapacity(Self.capacity)
    lookups.reserveCapacity(Self.capacity)
  }

  /// Keeps a copy of `id`, whose bytes are valid only while its row is read.
  mutating func add(_ id: UnsafeBufferPointer<UInt8>, line: Int, lookup: TextTable.Lookup) {
    bytes.append(contentsOf: id)
    ends.append(bytes.count)
    lines.append(line)
    lookups.append(lookup)
  }

  /// Numbers the waiting ids, in row order, into the last entries, one
  /// per id, and empties the batch.
  mutating func flush(
    into rows: inout UnmatchedHistory, table: inout TextTable, keepingFirstLines: Bool
  ) {
    let firstEntry = rows.entries.count - ends.count
    bytes.withUnsafeBufferPointer { bytes in
      var start = 0
      for position in ends.indices {
        let id = UnsafeBufferPointer(rebasing: bytes[start..<ends[position]])
        let (number, isNew) = table.insert(id, lookup: lookups[position])
        if isNew, keepingFirstLines { rows.firstLines.append(lines[position]) }
        rows.entries[firstEntry + position].opportunity = Int32(number)
        start = ends[position]
      }
    }
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
    lookups.removeAll(keepingCapacity: true)
  }
}
