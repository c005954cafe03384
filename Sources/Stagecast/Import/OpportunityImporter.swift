/// The opportunities of one export, with everything the import could not use.
public struct ImportedOpportunities: Sendable {
  public var file: String
  public var opportunities: [Opportunity]
  public var rejects: [RejectedRow]
  public var mapping: ColumnMapping<OpportunityField>
  public var encoding: TextEncoding
  public var delimiter: UInt8
  /// Data rows read, rejected and collapsed ones included.
  public var rowCount: Int
  /// Rows that repeated an id with the same deal fields and were merged into the first.
  public var collapsedDuplicateRows: Int
  /// Whether deals have ids; without, repeated deals cannot be detected.
  public var hasIDColumn: Bool
}

/// Reads an opportunity export into `Opportunity` values, streaming.
public struct OpportunityImporter {
  public var configuration: Configuration
  public var encoding: TextEncoding?

  public init(configuration: Configuration, encoding: TextEncoding? = nil) {
    self.configuration = configuration
    self.encoding = encoding
  }

  /// Imports `path`.
  /// - Throws: `ImportError` when the file cannot be read or its columns
  ///   cannot be placed; bad rows are returned as rejects instead.
  /// - Complexity: O(rows), one pass over the file plus a pass over the
  ///   rows that need a column-wide decision (date order, percent scale).
  public func importOpportunities(from path: String) throws -> ImportedOpportunities {
    let reader = try CSVReader(path: path, encoding: encoding)
    var builder: OpportunityBuilder?
    var rowCount = 0

    try reader.forEachRecord { record in
      guard builder != nil else {
        builder = try OpportunityBuilder(
          headers: record.fields, file: path, configuration: configuration)
        return
      }
      rowCount += 1
      // Optional chaining mutates in place; binding to a local copy first
      // would copy every deal read so far on each row.
      builder?.add(record)
    }
    guard var builder else { throw ImportError.empty(file: path) }

    for lost in reader.unreadable {
      builder.rejects.append(
        RejectedRow(
          file: path, line: lost.line, column: "", value: "", reason: lost.reason, isRowKept: false)
      )
    }
    builder.finish()

    return ImportedOpportunities(
      file: path,
      opportunities: builder.opportunities,
      rejects: builder.rejects.sorted { ($0.line, $0.column) < ($1.line, $1.column) },
      mapping: builder.mapping,
      encoding: reader.format.encoding,
      delimiter: reader.format.delimiter,
      rowCount: rowCount,
      collapsedDuplicateRows: builder.collapsedDuplicateRows,
      hasIDColumn: builder.mapping.columns[.id] != nil)
  }
}

/// Turns records into opportunities and rejects; one instance per file.
struct OpportunityBuilder {
  let file: String
  let configuration: Configuration
  let vocabulary: Vocabulary
  var mapping: ColumnMapping<OpportunityField>
  var opportunities: [Opportunity] = []
  var rejects: [RejectedRow] = []
  /// Rows that repeated an id with the same deal fields and were merged into the first.
  var collapsedDuplicateRows: Int { collapsedLines.values.reduce(0) { $0 + $1.count } }

  private struct FirstRow {
    var index: Int
    var line: Int
    var fingerprint: Int
  }

  private struct PendingDate {
    var opportunity: Int
    var field: OpportunityField
    var line: Int
    var raw: String
    var parts: (first: Int, second: Int, year: Int)
  }

  private var firstRows: [String: FirstRow] = [:]
  /// Lines of rows merged into the first row of their id, while no conflict is known.
  private var collapsedLines: [String: [Int]] = [:]
  /// Lines of every row of an id that repeats with different deal fields.
  private var conflicts: [String: [Int]] = [:]
  private var dateEvidence: [OpportunityField: DateParser.OrderEvidence] = [:]
  private var pendingDates: [PendingDate] = []
  private var probabilityIsPercent = false
  private var rawProbabilities: [(opportunity: Int, line: Int, raw: String, value: Double)] = []
  private let mappedColumns: [(OpportunityField, Int)]

  init(headers: [String], file: String, configuration: Configuration) throws {
    self.file = file
    self.configuration = configuration
    vocabulary = Vocabulary(configuration: configuration)
    var mapping = try ColumnMatcher.map(
      headers: headers, explicit: configuration.columns, aliases: HeaderAliases.opportunity,
      splittable: [.closedOn], file: file)
    ColumnMatcher.placeDualCloseDate(in: &mapping)
    guard mapping.columns[.stage] != nil || mapping.columns[.status] != nil else {
      throw ImportError.missingColumn(
        file: file, field: OpportunityField.stage.rawValue, headers: headers)
    }
    self.mapping = mapping
    mappedColumns = mapping.columns.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
  }

  private func cell(_ field: OpportunityField, _ record: CSVRecord) -> String? {
    guard let index = mapping.columns[field] else { return nil }
    if index < record.fields.count, !vocabulary.isEmpty(record.fields[index]) {
      return record.fields[index]
    }
    for column in mapping.alternativeColumns[field] ?? [] where column < record.fields.count {
      if !vocabulary.isEmpty(record.fields[column]) { return record.fields[column] }
    }
    return nil
  }

  private mutating func reject(
    _ record: CSVRecord, _ field: OpportunityField?, _ reason: RejectReason, kept: Bool
  ) {
    let column = field.flatMap { mapping.header(of: $0) } ?? ""
    let value = field.flatMap { cell($0, record) } ?? ""
    let number = field.flatMap { mapping.columns[$0] }.map { $0 + 1 }
    rejects.append(
      RejectedRow(
        file: file, line: record.line, column: column, value: value, reason: reason,
        isRowKept: kept,
        columnNumber: number))
  }

  mutating func add(_ record: CSVRecord) {
    // MARK: identity
    var id = "line \(record.line)"
    if mapping.columns[.id] != nil {
      guard let value = cell(.id, record) else {
        reject(record, .id, .missingID, kept: false)
        return
      }
      id = value
    }

    // MARK: placement in the funnel
    guard let (status, stageIndex) = placement(record) else { return }

    if mapping.columns[.id] != nil, let first = firstRows[id] {
      if conflicts[id] != nil {
        conflicts[id, default: []].append(record.line)
      } else if first.fingerprint == fingerprint(record) {
        collapsedLines[id, default: []].append(record.line)
      } else {
        // Rows that matched the first one are as doubtful as it is now.
        let earlier = collapsedLines.removeValue(forKey: id) ?? []
        conflicts[id] = [first.line] + earlier + [record.line]
      }
      return
    }

    // MARK: values
    let index = opportunities.count
    var deal = Opportunity(
      id: id, line: record.line, status: status, stageIndex: stageIndex, ledByPartner: false)
    deal.name = cell(.name, record)
    deal.account = cell(.account, record)
    deal.owner = cell(.owner, record)
    deal.region = cell(.region, record)
    deal.product = cell(.product, record)
    deal.industry = cell(.industry, record)
    deal.forecastCategory = cell(.forecastCategory, record)
    deal.ledByPartner = cell(.ledBy, record).map(vocabulary.isPartner) ?? false
    readAmount(record, into: &deal)
    if let text = cell(.grade, record) {
      deal.recordedGrade = Grade(recorded: text)
      if deal.recordedGrade == nil { reject(record, .grade, .invalidGrade, kept: true) }
    }
    if let text = cell(.probability, record) {
      if let (value, hasPercent) = ProbabilityParser.parse(text) {
        probabilityIsPercent = probabilityIsPercent || hasPercent || value > 1
        rawProbabilities.append((index, record.line, text, value))
      } else {
        reject(record, .probability, .invalidProbability, kept: true)
      }
    }
    if let text = cell(.lostAtStage, record) {
      if case .stage(let lostAt)? = vocabulary.stageWord(text) {
        deal.lostAtStage = lostAt
      } else {
        reject(record, .lostAtStage, .unknownLostAtStage, kept: true)
      }
    }
    if status == .lost, deal.lostAtStage == nil, mapping.columns[.status] != nil {
      // With an explicit status, a lost deal's stage is where it was lost.
      deal.lostAtStage = stageIndex
    }
    for field in [OpportunityField.createdOn, .expectedCloseOn, .closedOn, .stageEnteredOn] {
      readDate(field, record, index: index, into: &deal)
    }

    opportunities.append(deal)
    if mapping.columns[.id] != nil {
      firstRows[id] = FirstRow(index: index, line: record.line, fingerprint: fingerprint(record))
    }
  }

  /// The deal's status and export stage, or nil after rejecting the row.
  private mutating func placement(_ record: CSVRecord) -> (DealStatus, Int?)? {
    var stageIndex: Int?
    var stageOutcome: DealStatus?
    if let text = cell(.stage, record) {
      switch vocabulary.stageWord(text) {
      case .stage(let index)?: stageIndex = index
      case .outcome(let outcome)?: stageOutcome = outcome
      case nil:
        reject(record, .stage, .unknownStage, kept: false)
        return nil
      }
    }

    if let text = cell(.status, record) {
      guard let status = vocabulary.status(text) else {
        reject(record, .status, .unknownStatus, kept: false)
        return nil
      }
      if status == .open, stageOutcome != nil {
        reject(record, .stage, .outcomeStageOnOpenDeal, kept: true)
      }
      return (status, stageIndex)
    }
    if let stageOutcome { return (stageOutcome, nil) }
    if let stageIndex { return (.open, stageIndex) }
    reject(record, nil, .missingStage, kept: false)
    return nil
  }

  /// A hash of the row's mapped cells, to tell a repeated row from a conflicting one.
  private func fingerprint(_ record: CSVRecord) -> Int {
    var hasher = Hasher()
    for (_, index) in mappedColumns {
      hasher.combine(index < record.fields.count ? record.fields[index] : "")
    }
    return hasher.finalize()
  }

  private mutating func readAmount(_ record: CSVRecord, into deal: inout Opportunity) {
    guard let text = cell(.amount, record) else {
      deal.notValuedReason = .missingAmount
      return
    }
    var cents: Int64
    var cellCurrency: String?
    do {
      (cents, cellCurrency) = try AmountParser.parse(text, headerScale: mapping.amountScale)
    } catch {
      deal.notValuedReason = .invalidAmount
      let reason: RejectReason = error == .invalidGrouping ? .invalidDigitGrouping : .invalidAmount
      reject(record, .amount, reason, kept: true)
      return
    }

    // The most specific mention of a currency wins: the cell's own sign or
    // code, then the currency column, then the amount header.
    let currencyCell = cell(.currency, record)
    if let named = cellCurrency ?? currencyCell ?? mapping.amountCurrency,
      !vocabulary.isReportCurrency(named)
    {
      let code = foldedWidth(named).uppercased()
      guard let rate = configuration.exchangeRates[code] else {
        deal.notValuedReason = .noExchangeRate(currency: code)
        let field: OpportunityField =
          cellCurrency == nil && currencyCell != nil ? .currency : .amount
        reject(record, field, .missingExchangeRate(currency: code), kept: true)
        return
      }
      cents = Int64((Double(cents) * rate).rounded())
    }
    deal.amountCents = cents
  }

  private mutating func readDate(
    _ field: OpportunityField, _ record: CSVRecord, index: Int, into deal: inout Opportunity
  ) {
    guard let text = cell(field, record) else { return }
    var evidence = dateEvidence[field, default: DateParser.OrderEvidence()]
    let result = DateParser.parse(text, order: configuration.dateOrder, evidence: &evidence)
    dateEvidence[field] = evidence

    switch result {
    case .day(let day):
      deal[date: field] = day
    case .ambiguous(let first, let second, let year):
      pendingDates.append(
        PendingDate(
          opportunity: index, field: field, line: record.line, raw: text,
          parts: (first, second, year)))
    case .invalid:
      reject(record, field, .invalidDate, kept: true)
    }
  }

  /// Settles what needs the whole column, and drops conflicting duplicates.
  mutating func finish() {
    for pending in pendingDates {
      let order = dateEvidence[pending.field, default: DateParser.OrderEvidence()].order(
        default: .mdy)
      let (first, second, year) = pending.parts
      if let day = DateParser.resolve(first: first, second: second, year: year, order: order) {
        opportunities[pending.opportunity][date: pending.field] = day
      } else {
        rejects.append(
          RejectedRow(
            file: file, line: pending.line, column: mapping.header(of: pending.field) ?? "",
            value: pending.raw, reason: .invalidDate, isRowKept: true,
            columnNumber: mapping.columns[pending.field].map { $0 + 1 }))
      }
    }

    for (index, line, raw, value) in rawProbabilities {
      let probability = probabilityIsPercent ? value / 100 : value
      guard probability <= 1 else {
        rejects.append(
          RejectedRow(
            file: file, line: line, column: mapping.header(of: .probability) ?? "", value: raw,
            reason: .invalidProbability, isRowKept: true,
            columnNumber: mapping.columns[.probability].map { $0 + 1 }))
        continue
      }
      opportunities[index].ownerProbability = probability
    }

    if mapping.closeDateIsDual {
      for index in opportunities.indices where opportunities[index].status != .open {
        opportunities[index].closedOn = opportunities[index].expectedCloseOn
      }
    }

    dropConflictingDuplicates()
  }

  private mutating func dropConflictingDuplicates() {
    guard !conflicts.isEmpty else { return }
    var dropped: Set<Int> = []
    for (id, lines) in conflicts {
      if let first = firstRows[id] { dropped.insert(first.index) }
      for line in lines {
        rejects.append(
          RejectedRow(
            file: file, line: line, column: mapping.header(of: .id) ?? "", value: id,
            reason: .conflictingDuplicateID(otherLines: lines.filter { $0 != line }),
            isRowKept: false, columnNumber: mapping.columns[.id].map { $0 + 1 }))
      }
    }
    opportunities = opportunities.enumerated().filter { !dropped.contains($0.offset) }.map(
      \.element)
  }
}

extension Opportunity {
  /// The date stored for a date field.
  subscript(date field: OpportunityField) -> Day? {
    get {
      switch field {
      case .createdOn: return createdOn
      case .expectedCloseOn: return expectedCloseOn
      case .closedOn: return closedOn
      case .stageEnteredOn: return stageEnteredOn
      default: return nil
      }
    }
    set {
      switch field {
      case .createdOn: createdOn = newValue
      case .expectedCloseOn: expectedCloseOn = newValue
      case .closedOn: closedOn = newValue
      case .stageEnteredOn: stageEnteredOn = newValue
      default: preconditionFailure("\(field) is not a date field")
      }
    }
  }
}
