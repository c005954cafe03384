import CSQLite

/// A failure of the snapshot archive, with what to do about it.
public struct SnapshotError: Error, Sendable {
  public enum Problem: Sendable, Equatable {
    /// The store could not be opened, read or written (SQLite's message).
    case storage(String)
    /// A different export is already stored for this date.
    case dateTaken(asOf: String)
    /// The export was mapped from other columns or another CRM than the stored ones.
    case otherSource(stored: String, given: String)
    /// The store was written by a newer stagecast.
    case newerSchema(Int)
  }

  public var file: String
  public var problem: Problem

  /// Returns the message in `language`, naming the file and what to do.
  public func message(language: ReportLanguage) -> String {
    let zh = language == .zhCN
    switch problem {
    case .storage(let detail):
      return zh
        ? "\(file): 错误：快照库无法读写（\(detail)）。请检查路径和权限。"
        : "\(file): error: the snapshot store cannot be read or written (\(detail)). Check the path and its permissions."
    case .dateTaken(let asOf):
      return zh
        ? "\(file): 错误：\(asOf) 已存有另一份不同的导出，未覆盖。确认要替换时请先用 snapshot remove \(asOf) 删除。"
        : "\(file): error: a different export is already stored for \(asOf); nothing was overwritten. To replace it, run snapshot remove \(asOf) first."
    case .otherSource(let stored, let given):
      return zh
        ? "\(file): 错误：这份导出的来源或列对应（\(given)）与库中快照（\(stored)）不同，未存入。不同 CRM 或字段映射的快照请存到另一个库（--store）。"
        : "\(file): error: this export's source or column mapping (\(given)) differs from the stored snapshots' (\(stored)); it was not stored. Keep snapshots of another CRM or mapping in another store (--store)."
    case .newerSchema(let version):
      return zh
        ? "\(file): 错误：快照库版本 \(version) 比本程序新，请升级 stagecast。"
        : "\(file): error: the store has schema version \(version), newer than this stagecast; upgrade stagecast."
    }
  }
}

/// One stored export: its date and how many deals it held.
public struct StoredSnapshot: Sendable, Equatable {
  public var asOf: Day
  public var deals: Int
}

/// The archive of monthly exports in one SQLite file (快照库): each export's
/// deals stored under its as-of date, so replays can use the amounts and
/// close dates of the time.
///
/// Each change runs in one transaction, so an interrupted `add` leaves the
/// store as it was. The schema carries a version and is migrated on open.
public final class SnapshotStore {
  /// The layout this stagecast writes.
  public static let schemaVersion = 1

  private var database: OpaquePointer?
  public let path: String

  /// Opens the store at `path`, creating it and its tables when missing.
  /// - Throws: `SnapshotError` when the file cannot be opened or is newer than this program.
  public init(path: String) throws {
    self.path = path
    guard
      sqlite3_open_v2(path, &database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK
    else {
      let detail = database.map { String(cString: sqlite3_errmsg($0)) } ?? "open failed"
      sqlite3_close(database)
      throw SnapshotError(file: path, problem: .storage(detail))
    }
    try migrate()
  }

  deinit {
    sqlite3_close(database)
  }

  /// Brings the schema to `schemaVersion`; version 0 is an empty file.
  private func migrate() throws {
    try execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    let version =
      try scalar("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
    guard version <= Self.schemaVersion else {
      throw SnapshotError(file: path, problem: .newerSchema(version))
    }
    if version < 1 {
      try transaction {
        try execute(
          """
          CREATE TABLE snapshots (as_of TEXT PRIMARY KEY, source TEXT NOT NULL,
            checksum TEXT NOT NULL, deals INTEGER NOT NULL)
          """)
        try execute(
          """
          CREATE TABLE deals (as_of TEXT NOT NULL, id TEXT NOT NULL, owner TEXT, region TEXT,
            product TEXT, amount_cents INTEGER, status TEXT NOT NULL, stage INTEGER, grade TEXT,
            led_by_partner INTEGER NOT NULL, created_on INTEGER, expected_close_on INTEGER,
            closed_on INTEGER, lost_at_stage INTEGER, PRIMARY KEY (as_of, id))
          """)
        try execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '1')")
      }
    }
  }

  /// Returns the stored snapshots, oldest first.
  public func snapshots() throws -> [StoredSnapshot] {
    var result: [StoredSnapshot] = []
    try query("SELECT as_of, deals FROM snapshots ORDER BY as_of") { row in
      guard let day = Day(iso: row.text(0) ?? "") else { return }
      result.append(StoredSnapshot(asOf: day, deals: row.integer(1)))
    }
    return result
  }

  /// The outcome of `add`.
  public enum AddResult: Sendable, Equatable {
    case added(deals: Int)
    /// The same export was stored for the date already; nothing changed.
    case alreadyStored
  }

  /// Stores `opportunities` as the export of `asOf`, in one transaction.
  ///
  /// `source` names the CRM profile and the column mapping. An export whose
  /// source differs from the stored ones is refused, and so is a different
  /// export for a date already stored. The same export again changes nothing.
  /// - Throws: `SnapshotError`.
  public func add(_ opportunities: [Opportunity], asOf: Day, source: String) throws -> AddResult {
    let checksum = Self.checksum(opportunities)
    let date = asOf.isoString
    if let stored = try scalar("SELECT source FROM snapshots LIMIT 1"), stored != source {
      throw SnapshotError(file: path, problem: .otherSource(stored: stored, given: source))
    }
    if let stored = try scalar("SELECT checksum FROM snapshots WHERE as_of = '\(date)'") {
      guard stored == checksum else {
        throw SnapshotError(file: path, problem: .dateTaken(asOf: date))
      }
      return .alreadyStored
    }

    try transaction {
      let insert = try prepare(
        "INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      defer { sqlite3_finalize(insert) }
      for deal in opportunities {
        sqlite3_reset(insert)
        bind(insert, 1, date)
        bind(insert, 2, deal.id)
        bind(insert, 3, deal.owner)
        bind(insert, 4, deal.region)
        bind(insert, 5, deal.product)
        bind(insert, 6, deal.amountCents)
        bind(insert, 7, deal.status.rawValue)
        bind(insert, 8, deal.stageIndex.map(Int64.init))
        bind(insert, 9, deal.recordedGrade?.rawValue)
        bind(insert, 10, Int64(deal.ledByPartner ? 1 : 0))
        bind(insert, 11, deal.createdOn.map { Int64($0.daysSinceEpoch) })
        bind(insert, 12, deal.expectedCloseOn.map { Int64($0.daysSinceEpoch) })
        bind(insert, 13, deal.closedOn.map { Int64($0.daysSinceEpoch) })
        bind(insert, 14, deal.lostAtStage.map(Int64.init))
        guard sqlite3_step(insert) == SQLITE_DONE else { throw storageError() }
      }
      let record = try prepare("INSERT INTO snapshots VALUES (?, ?, ?, ?)")
      defer { sqlite3_finalize(record) }
      bind(record, 1, date)
      bind(record, 2, source)
      bind(record, 3, checksum)
      bind(record, 4, Int64(opportunities.count))
      guard sqlite3_step(record) == SQLITE_DONE else { throw storageError() }
    }
    return .added(deals: opportunities.count)
  }

  /// Removes the snapshot of `asOf`; returns whether there was one.
  public func remove(asOf: Day) throws -> Bool {
    let date = asOf.isoString
    guard try scalar("SELECT as_of FROM snapshots WHERE as_of = '\(date)'") != nil else {
      return false
    }
    try transaction {
      try execute("DELETE FROM deals WHERE as_of = '\(date)'")
      try execute("DELETE FROM snapshots WHERE as_of = '\(date)'")
    }
    return true
  }

  /// Returns the deals stored for `asOf`, in id order.
  public func opportunities(asOf: Day) throws -> [Opportunity] {
    var deals: [Opportunity] = []
    try query(
      """
      SELECT id, owner, region, product, amount_cents, status, stage, grade, led_by_partner,
        created_on, expected_close_on, closed_on, lost_at_stage
      FROM deals WHERE as_of = '\(asOf.isoString)' ORDER BY id
      """
    ) { row in
      var deal = Opportunity(
        id: row.text(0) ?? "", line: 0, status: DealStatus(rawValue: row.text(5) ?? "") ?? .open,
        stageIndex: row.optionalInteger(6).flatMap(Self.stageIndex),
        ledByPartner: row.integer(8) != 0)
      deal.owner = row.text(1)
      deal.region = row.text(2)
      deal.product = row.text(3)
      deal.amountCents = row.optionalInteger(4).map(Int64.init)
      if deal.amountCents == nil { deal.notValuedReason = .missingAmount }
      deal.recordedGrade = row.text(7).flatMap(Grade.init(rawValue:))
      deal.createdOn = row.optionalInteger(9).map { Day(daysSinceEpoch: Int32($0)) }
      deal.expectedCloseOn = row.optionalInteger(10).map { Day(daysSinceEpoch: Int32($0)) }
      deal.closedOn = row.optionalInteger(11).map { Day(daysSinceEpoch: Int32($0)) }
      deal.lostAtStage = row.optionalInteger(12).flatMap(Self.stageIndex)
      deals.append(deal)
    }
    return deals
  }

  /// Returns a stored stage index, or nil when the file contains one no configuration could give.
  private static func stageIndex(_ stored: Int) -> Int? {
    (1...Int(Int16.max)).contains(stored) ? stored : nil
  }

  // MARK: SQLite

  /// A hash of the fields stored, to tell the same export from another one.
  static func checksum(_ opportunities: [Opportunity]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ text: String) {
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
      }
      hash ^= 0x1F
      hash = hash &* 0x0000_0100_0000_01B3
    }
    for deal in opportunities.sorted(by: { $0.id < $1.id }) {
      mix(deal.id)
      mix("\(deal.amountCents ?? -1)|\(deal.status.rawValue)|\(deal.stageIndex ?? -1)")
      mix("\(deal.expectedCloseOn?.daysSinceEpoch ?? -1)|\(deal.closedOn?.daysSinceEpoch ?? -1)")
      mix("\(deal.owner ?? "")|\(deal.recordedGrade?.rawValue ?? "")")
    }
    return String(hash, radix: 16)
  }

  private func storageError() -> SnapshotError {
    SnapshotError(file: path, problem: .storage(String(cString: sqlite3_errmsg(database))))
  }

  private func execute(_ sql: String) throws {
    guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw storageError() }
  }

  /// Runs `body` in one transaction, rolled back when it throws.
  private func transaction(_ body: () throws -> Void) throws {
    try execute("BEGIN IMMEDIATE")
    do {
      try body()
      try execute("COMMIT")
    } catch {
      _ = sqlite3_exec(database, "ROLLBACK", nil, nil, nil)
      throw error
    }
  }

  private func prepare(_ sql: String) throws -> OpaquePointer? {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK else {
      throw storageError()
    }
    return statement
  }

  /// A row of a query, read by column position.
  private struct Row {
    let statement: OpaquePointer?

    func text(_ column: Int32) -> String? {
      guard let pointer = sqlite3_column_text(statement, column) else { return nil }
      return String(cString: pointer)
    }

    func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    func optionalInteger(_ column: Int32) -> Int? {
      sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : integer(column)
    }
  }

  private func query(_ sql: String, _ body: (Row) throws -> Void) throws {
    let statement = try prepare(sql)
    defer { sqlite3_finalize(statement) }
    while true {
      let status = sqlite3_step(statement)
      if status == SQLITE_DONE { return }
      guard status == SQLITE_ROW else { throw storageError() }
      try body(Row(statement: statement))
    }
  }

  private func scalar(_ sql: String) throws -> String? {
    var value: String?
    try query(sql) { row in if value == nil { value = row.text(0) } }
    return value
  }

  // SQLite copies bound text at once (SQLITE_TRANSIENT), so Swift strings may go away after binding.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private func bind(_ statement: OpaquePointer?, _ index: Int32, _ text: String?) {
    guard let text else {
      sqlite3_bind_null(statement, index)
      return
    }
    sqlite3_bind_text(statement, index, text, -1, Self.transient)
  }

  private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Int64?) {
    guard let value else {
      sqlite3_bind_null(statement, index)
      return
    }
    sqlite3_bind_int64(statement, index, value)
  }
}
