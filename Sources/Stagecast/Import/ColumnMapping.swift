/// The column of a file that contains each canonical field.
public struct ColumnMapping<Field: Hashable & RawRepresentable & CaseIterable>: Sendable
where Field.RawValue == String, Field: Sendable {
  /// The file's headers, trimmed and without a byte-order mark.
  public var headers: [String]
  /// Column index of each mapped field.
  public var columns: [Field: Int]
  /// Further columns of a field that may be split over several columns.
  ///
  /// `Won time` and `Lost time` both contain the close date, for one. The first
  /// non-empty cell of `columns` and these columns counts.
  public var alternativeColumns: [Field: [Int]] = [:]
  /// Power of ten a unit in the amount header gives (4 for `商机金额(万元)`).
  public var amountScale = 0
  /// Currency an amount header names (`Amount (USD)`), as an ISO code.
  public var amountCurrency: String?
  /// Whether the expected-close column is a `Close Date` that contains the
  /// actual close date once a deal is closed.
  public var closeDateIsDual = false

  /// Returns the header of `field`'s column.
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
  /// Header unit suffixes, the power of ten they give an amount and the
  /// currency they name.
  private static let unitSuffixes: [(suffix: String, power: Int, currency: String?)] = [
    ("万元", 4, "CNY"), ("千元", 3, "CNY"), ("万", 4, nil), ("元", 0, "CNY"), ("cny", 0, "CNY"),
    ("rmb", 0, "CNY"), ("usd", 0, "USD"), ("eur", 0, "EUR"), ("gbp", 0, "GBP"), ("hkd", 0, "HKD"),
  ]

  /// Returns the unit and currency an amount header names.
  static func amountUnit(of header: String) -> (power: Int, currency: String?)? {
    let key = normalizedHeader(header)
    for (suffix, power, currency) in unitSuffixes
    where key.hasSuffix(suffix) && key.count > suffix.count {
      return (power, currency)
    }
    return nil
  }

  /// Maps `headers` to fields.
  ///
  /// A header with a unit suffix (`金额(万元)`) matches the aliases of `amountField` without its unit.
  static func map<Field>(
    headers: [String],
    explicit: [Field: String],
    aliases: [Field: [String]],
    splittable: Set<Field> = [],
    keyPrefix: String = "columns",
    amountField: String = "amount",
    file: String
  ) throws -> ColumnMapping<Field> {
    var mapping = ColumnMapping<Field>(headers: headers, columns: [:])
    let normalized = headers.map(normalizedHeader)

    for (field, name) in explicit.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let wanted = normalizedHeader(name)
      guard let index = headers.firstIndex(of: name) ?? normalized.firstIndex(of: wanted) else {
        throw ImportError.configuredColumnNotFound(
          file: file, key: "\(keyPrefix).\(field.rawValue)", column: name, headers: headers)
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
      for (suffix, _, _) in unitSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
        if let field = lookup[String(key.dropLast(suffix.count))], field.rawValue == amountField {
          candidates[field, default: []].append(index)
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
          file: file, key: "\(keyPrefix).\(field.rawValue)", columns: indices.map { headers[$0] })
      }
      mapping.columns[field] = indices[0]
    }

    // The unit and currency come from the amount column's header, however it was mapped.
    if let amountField = Field(rawValue: "amount"), let index = mapping.columns[amountField],
      let unit = amountUnit(of: headers[index])
    {
      mapping.amountScale = unit.power
      mapping.amountCurrency = unit.currency
    }
    return mapping
  }

  /// Places a `Close Date` column: the actual close date when another column
  /// contains the expected one, else the expected date with the dual meaning.
  static func placeDualCloseDate(in mapping: inout ColumnMapping<OpportunityField>) {
    let dual = Set(HeaderAliases.closeDateDualMeaning.map(normalizedHeader))
    // A Close Date named explicitly as the expected date keeps its second meaning.
    if let index = mapping.columns[.expectedCloseOn], mapping.columns[.closedOn] == nil,
      dual.contains(normalizedHeader(mapping.headers[index]))
    {
      mapping.closeDateIsDual = true
      return
    }
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
