/// A canonical column of a team file.
public enum TeamField: String, CaseIterable, Sendable {
  case role, person, hours
}

/// Reads a team CSV (role, person, hours per month), the form sales
/// operations keep their team in, into each role's monthly capacity.
public enum TeamImporter {
  static let aliases: [TeamField: [String]] = [
    .role: ["role", "team", "function", "角色", "岗位", "职能"],
    .person: ["person", "name", "member", "姓名", "人员", "成员"],
    .hours: ["hours", "hours per month", "monthly hours", "capacity", "月工时", "每月工时", "可用工时", "工时"],
  ]

  /// Reads `path` and sets each listed role's capacity to the sum of its people's hours.
  /// - Throws: `ImportError` when the file cannot be read or lacks a role or hours column.
  public static func apply(
    path: String, to settings: inout ResourceSettings, encoding: TextEncoding? = nil
  )
    throws -> [RejectedRow]
  {
    let reader = try CSVReader(path: path, encoding: encoding)
    var mapping: ColumnMapping<TeamField>?
    var hours: [String: Double] = [:]
    var rejects: [RejectedRow] = []
    try reader.forEachRecord { record in
      guard let columns = mapping else {
        let found = try ColumnMatcher.map(
          headers: record.fields, explicit: [:], aliases: aliases, keyPrefix: "team", file: path)
        for field in [TeamField.role, .hours] where found.columns[field] == nil {
          throw ImportError.missingColumn(
            file: path, key: "team.\(field.rawValue)", headers: record.fields)
        }
        mapping = found
        return
      }
      func cell(_ field: TeamField) -> String {
        guard let column = columns.columns[field], column < record.count else { return "" }
        return record[column]
      }
      func reject(_ field: TeamField, _ reason: RejectReason) {
        rejects.append(
          RejectedRow(
            file: path, line: record.line, column: columns.header(of: field) ?? "",
            value: cell(field), reason: reason, isRowKept: false,
            columnNumber: columns.columns[field].map { $0 + 1 }))
      }
      let role = cell(.role)
      guard settings.roles.contains(where: { $0.id == role }) else {
        return reject(.role, .unknownRole)
      }
      guard let value = Double(foldedWidth(cell(.hours))), value.isFinite, value >= 0 else {
        return reject(.hours, .invalidAmount)
      }
      hours[role, default: 0] += value
    }
    guard mapping != nil else { throw ImportError.empty(file: path) }
    for index in settings.roles.indices {
      guard let total = hours[settings.roles[index].id] else { continue }
      settings.roles[index].hoursPerMonth = total
      settings.roles[index].hoursPer1000OpenDeals = nil
    }
    settings.isDefault = false
    return rejects
  }
}

/// A canonical column of a targets file.
public enum TargetField: String, CaseIterable, Sendable {
  case month, target, owner, region
}

/// Monthly targets for the company, and optionally per owner or region.
public struct TargetTable: Sendable {
  /// Month number → target of the whole company.
  public var company: [Int: Double] = [:]
  /// Owner → month number → target.
  public var owners: [String: [Int: Double]] = [:]
  /// Region → month number → target.
  public var regions: [String: [Int: Double]] = [:]
  /// Rows that could not be read, kept for rejects.csv.
  public var rejects: [RejectedRow] = []

  public init() {}
}

/// Reads a targets CSV, the form sales operations keep targets in.
///
/// A row has a month (`2026-11`, `2026/11`, `2026年11月` or a date in the
/// month) and a target amount, read as the export's amounts are (万元 in the header
/// included). With an owner or a region cell it is that owner's or region's
/// target. Without either it is the company's, and it replaces the
/// configuration's `targets` for that month.
public enum TargetsImporter {
  static let aliases: [TargetField: [String]] = [
    .month: ["month", "period", "月份", "月", "期间", "目标月份"],
    .target: ["target", "quota", "target amount", "目标", "目标金额", "业绩目标", "销售目标", "指标"],
    .owner: ["owner", "sales rep", "opportunity owner", "负责人", "销售", "销售人员", "销售代表"],
    .region: ["region", "territory", "区域", "大区", "地区"],
  ]

  /// Reads `path`.
  /// - Throws: `ImportError` when the file cannot be read or lacks a month or target column.
  public static func read(path: String, encoding: TextEncoding? = nil) throws -> TargetTable {
    let reader = try CSVReader(path: path, encoding: encoding)
    var table = TargetTable()
    var mapping: ColumnMapping<TargetField>?

    try reader.forEachRecord { record in
      guard let columns = mapping else {
        let found = try ColumnMatcher.map(
          headers: record.fields, explicit: [:], aliases: aliases, keyPrefix: "targets",
          amountField: TargetField.target.rawValue, file: path)
        for field in [TargetField.month, .target] where found.columns[field] == nil {
          throw ImportError.missingColumn(
            file: path, key: "targets.\(field.rawValue)", headers: record.fields)
        }
        mapping = found
        return
      }
      read(record, columns: columns, file: path, into: &table)
    }
    guard mapping != nil else { throw ImportError.empty(file: path) }
    return table
  }

  private static func read(
    _ record: CSVRecord, columns: ColumnMapping<TargetField>, file: String,
    into table: inout TargetTable
  ) {
    func cell(_ field: TargetField) -> String {
      guard let column = columns.columns[field], column < record.count else { return "" }
      return record[column]
    }
    func reject(_ field: TargetField, _ reason: RejectReason) {
      table.rejects.append(
        RejectedRow(
          file: file, line: record.line, column: columns.header(of: field) ?? "",
          value: cell(field), reason: reason, isRowKept: false,
          columnNumber: columns.columns[field].map { $0 + 1 }))
    }

    guard let month = month(cell(.month)) else { return reject(.month, .invalidDate) }
    let amount: Int64
    do {
      amount = try AmountParser.cents(cell(.target), headerScale: scale(columns))
    } catch {
      return reject(.target, error == .invalidGrouping ? .invalidDigitGrouping : .invalidAmount)
    }
    let target = Double(amount) / 100

    let owner = cell(.owner)
    let region = cell(.region)
    if !owner.isEmpty { table.owners[owner, default: [:]][month] = target }
    if !region.isEmpty { table.regions[region, default: [:]][month] = target }
    if owner.isEmpty, region.isEmpty { table.company[month] = target }
  }

  /// Returns the power of ten a unit in the target header gives (4 for 万元).
  private static func scale(_ columns: ColumnMapping<TargetField>) -> Int {
    guard let column = columns.columns[.target] else { return 0 }
    return ColumnMatcher.amountUnit(of: columns.headers[column])?.power ?? 0
  }

  /// Reads a month cell into a month number, or nil when it names no month.
  static func month(_ text: String) -> Int? {
    let folded = foldedWidth(text)
    if let day = Day(iso: folded) { return day.monthNumber }
    let parts = folded.split { !$0.isASCII || !$0.isNumber }.map(String.init)
    guard parts.count == 2 || parts.count == 3, parts[0].count == 4,
      let year = Int(parts[0]), let month = Int(parts[1]),
      let first = Day(year: year, month: month, day: 1)
    else { return nil }
    if parts.count == 3 {
      // A full date must be a real one, never rolled over into the next month.
      guard let dayOfMonth = Int(parts[2]), Day(year: year, month: month, day: dayOfMonth) != nil
      else { return nil }
    }
    return first.monthNumber
  }
}
