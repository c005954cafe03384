/// Which column of a file holds which canonical field.
public struct ColumnMapping<Field: Hashable & RawRepresentable & CaseIterable>: Sendable
where Field.RawValue == String, Field: Sendable {
  /// The file's headers, trimmed and without a byte-order mark.
  public var headers: [String]
  /// Column index of each mapped field.
  public var columns: [Field: Int]
  /// Further columns of a field that may be split over several columns
  /// (`Won time` and `Lost time` both hold the close date); the first
  /// non-empty cell of `columns` and these counts.
  public var alternativeColumns: [Field: [Int]] = [:]
  /// Power of ten a unit in the amount header gives (4 for `商机金额(万元)`).
  public var amountScale = 0
  /// Whether the expected-close column is a `Close Date` that holds the
  /// actual close date once a deal is closed.
  public var closeDateIsDual = false

  /// The header of `field`'s column.
  public func header(of field: Field) -> String? {
    columns[field].map { headers[$0] }
  }

  /// Headers no field was mapped to.
  public var unmappedHeaders: [String] {
    let used = Set(columns.values).union(alternativeColumns.values.joined())
    return headers.enumerated().filter { !used.contains($0.offset) }.map(\.element)
  }
}

/// Maps headers to fields: explicit configured names first, then aliases.
enum ColumnMatcher {
  /// Header unit suffixes and the power of ten they give an amount.
  private static let unitSuffixes: [(String, Int)] = [
    ("万元", 4), ("千元", 3), ("万", 4), ("元", 0), ("cny", 0), ("rmb", 0), ("usd", 0), ("eur", 0),
  ]

  static func map<Field>(
    headers: [String],
    explicit: [Field: String],
    aliases: [Field: [String]],
    splittable: Set<Field> = [],
    file: String
  ) throws -> ColumnMapping<Field> {
    var mapping = ColumnMapping<Field>(headers: headers, columns: [:])
    let normalized = headers.map(normalizedHeader)

    for (field, name) in explicit.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let wanted = normalizedHeader(name)
      guard let index = headers.firstIndex(of: name) ?? normalized.firstIndex(of: wanted) else {
        throw ImportError.configuredColumnNotFound(
          file: file, field: field.rawValue, column: name, headers: headers)
      }
      mapping.columns[field] = index
    }

    var lookup: [String: Field] = [:]
    for (field, spellings) in aliases {
      for spelling in spellings { lookup[normalizedHeader(spelling)] = field }
    }
    let explicitlyUsed = Set(mapping.columns.values)
    var candidates: [Field: [Int]] = [:]
    for (index, key) in normalized.enumerated()
    where !key.isEmpty && !explicitlyUsed.contains(index) {
      if let field = lookup[key] {
        candidates[field, default: []].append(index)
        continue
      }
      for (suffix, power) in unitSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
        if let field = lookup[String(key.dropLast(suffix.count))], field.rawValue == "amount" {
          candidates[field, default: []].append(index)
          mapping.amountScale = power
          break
        }
      }
    }

    for (field, indices) in candidates.sorted(by: { $0.key.rawValue < $1.key.rawValue })
    where mapping.columns[field] == nil {
      if splittable.contains(field) {
        mapping.columns[field] = indices[0]
        mapping.alternativeColumns[field] = Array(indices.dropFirst())
        continue
      }
      guard indices.count == 1 else {
        throw ImportError.duplicateColumn(
          file: file, field: field.rawValue, columns: indices.map { headers[$0] })
      }
      mapping.columns[field] = indices[0]
    }
    return mapping
  }

  /// Places a `Close Date` column: the actual close date when another column
  /// holds the expected one, else the expected date with the dual meaning.
  static func placeDualCloseDate(in mapping: inout ColumnMapping<OpportunityField>) {
    let dual = Set(HeaderAliases.closeDateDualMeaning.map(normalizedHeader))
    let used = Set(mapping.columns.values).union(mapping.alternativeColumns.values.joined())
    guard
      let index = mapping.headers.indices.first(where: {
        !used.contains($0) && dual.contains(normalizedHeader(mapping.headers[$0]))
      })
    else { return }

    if mapping.columns[.expectedCloseOn] == nil {
      mapping.columns[.expectedCloseOn] = index
      mapping.closeDateIsDual = mapping.columns[.closedOn] == nil
    } else if mapping.columns[.closedOn] == nil {
      mapping.columns[.closedOn] = index
    }
  }
}
