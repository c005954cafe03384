/// A column of the export that records one stage per deal (wide-format history).
struct StageColumn: Equatable {
  /// The content of the column.
  enum Kind: Equatable {
    /// The date the deal entered the stage.
    case entryDate
    /// Time spent in the stage; above zero means the deal was there.
    case timeInStage
  }

  var column: Int
  var stage: Int
  var kind: Kind
}

/// Finds the wide-format history columns of an export: configured ones
/// first, then HubSpot's `Date entered "Stage (Pipeline)"` and `Time in …`
/// families and plain spellings such as `Date entered Approve` or `商机立项进入日期`.
enum StageColumns {
  /// Header prefixes and suffixes, normalized, with the kind they mark.
  private static let prefixes: [(String, StageColumn.Kind)] = [
    ("dateentered", .entryDate), ("enteredon", .entryDate), ("entered", .entryDate),
    ("latesttimein", .timeInStage), ("cumulativetimein", .timeInStage), ("timein", .timeInStage),
    ("daysin", .timeInStage), ("进入", .entryDate),
  ]
  private static let suffixes: [(String, StageColumn.Kind)] = [
    ("dateentered", .entryDate), ("enteredon", .entryDate), ("entered", .entryDate),
    ("进入日期", .entryDate), ("进入时间", .entryDate), ("日期", .entryDate),
    ("停留天数", .timeInStage), ("停留时长", .timeInStage), ("timeinstage", .timeInStage),
    ("daysinstage", .timeInStage),
  ]

  /// Finds the stage columns among `headers`, skipping columns already mapped.
  /// - Throws: `ImportError.configuredColumnNotFound` for a configured column the file lacks.
  static func find(
    headers: [String], used: Set<Int>, configuration: Configuration, vocabulary: Vocabulary,
    file: String
  ) throws -> [StageColumn] {
    var found: [StageColumn] = []
    var taken = used

    for (id, name) in configuration.stageColumns.sorted(by: { $0.key < $1.key }) {
      guard let stage = configuration.stages.first(where: { $0.id == id }),
        let index = headers.firstIndex(of: name)
          ?? headers.firstIndex(where: { normalizedHeader($0) == normalizedHeader(name) })
      else {
        throw ImportError.configuredColumnNotFound(
          file: file, key: "history.stageColumns.\(id)", column: name, headers: headers)
      }
      let kind: StageColumn.Kind = isTimeInStage(headers[index]) ? .timeInStage : .entryDate
      found.append(StageColumn(column: index, stage: stage.index, kind: kind))
      taken.insert(index)
    }

    for (index, header) in headers.enumerated() where !taken.contains(index) {
      guard let (label, kind) = stageLabel(in: header),
        case .stage(let stage)? = vocabulary.stageWord(label)
      else { continue }
      found.append(StageColumn(column: index, stage: stage, kind: kind))
    }

    // A stage with an entry-date column ignores its time-in-stage columns.
    let dated = Set(found.filter { $0.kind == .entryDate }.map(\.stage))
    return found.filter { $0.kind == .entryDate || !dated.contains($0.stage) }
  }

  private static func isTimeInStage(_ header: String) -> Bool {
    let key = normalizedHeader(header)
    return prefixes.contains { $0.1 == .timeInStage && key.hasPrefix($0.0) }
      || suffixes.contains { $0.1 == .timeInStage && key.hasSuffix($0.0) }
  }

  /// Returns the stage label a header names and the kind of column, if it is one.
  static func stageLabel(in header: String) -> (String, StageColumn.Kind)? {
    // HubSpot quotes the label and appends the pipeline: Date entered "Won (Sales Pipeline)".
    let folded = foldedWidth(header)
    if let open = folded.firstIndex(where: { $0 == "\"" || $0 == "'" }),
      let close = folded.lastIndex(where: { $0 == "\"" || $0 == "'" }), open < close
    {
      let before = normalizedHeader(String(folded[..<open]))
      guard let kind = prefixes.first(where: { before == $0.0 })?.1 else { return nil }
      var label = String(folded[folded.index(after: open)..<close])
      // The pipeline is the last parenthesis; stage labels may hold their own.
      if let cut = label.range(of: " (", options: .backwards) {
        label = String(label[..<cut.lowerBound])
      }
      return (label, kind)
    }

    let key = normalizedHeader(header)
    for (prefix, kind) in prefixes where key.hasPrefix(prefix) && key.count > prefix.count {
      let rest = String(key.dropFirst(prefix.count))
      // 进入 … 日期 wraps the stage name in Chinese headers.
      if prefix == "进入" {
        for ending in ["日期", "时间"] where rest.hasSuffix(ending) && rest.count > ending.count {
          return (String(rest.dropLast(ending.count)), kind)
        }
        continue
      }
      return (rest, kind)
    }
    for (suffix, kind) in suffixes where key.hasSuffix(suffix) && key.count > suffix.count {
      return (String(key.dropLast(suffix.count)), kind)
    }
    return nil
  }

  /// Reads a time-in-stage cell: a number (any unit) or `HH:mm:ss`.
  /// - Returns: whether the deal spent time in the stage, or nil when unreadable.
  static func spentTime(_ text: String) -> Bool? {
    let parts = text.split(separator: ":")
    if parts.count > 1 {
      let numbers = parts.compactMap { Double($0) }
      guard numbers.count == parts.count else { return nil }
      return numbers.contains { $0 > 0 }
    }
    guard let value = Double(text), value.isFinite else { return nil }
    return value > 0
  }
}
