/// Reads the date formats exports carry.
///
/// Formats: ISO with or without a time, `2025/5/8`, `2025.5.8`, `2025年5月8日`, US or European slash dates,
/// English month names (`Jan 1, 2006 12:00:00.0 AM`, `8 May 2025`),
/// `20250508` and Excel serial numbers (`45876`). A time of day is read past and dropped.
enum DateParser {
  /// The result of reading a cell.
  enum Result: Equatable {
    case day(Day)
    /// `first/second/year` with both parts ≤ 12: the column's order decides.
    case ambiguous(first: Int, second: Int, year: Int)
    case invalid
  }

  /// Evidence of a column's day–month order, gathered from unambiguous values.
  struct OrderEvidence {
    var dayFirst = 0
    var monthFirst = 0

    /// Returns the order that the evidence supports, or `fallback` when none or both.
    func order(default fallback: DateOrder) -> DateOrder {
      if dayFirst > 0, monthFirst == 0 { return .dmy }
      if monthFirst > 0, dayFirst == 0 { return .mdy }
      return fallback
    }
  }

  /// Parses a cell's bytes; year-first dates, nearly every export's form,
  /// are read without a `String`.
  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, order: DateOrder, evidence: inout OrderEvidence
  ) -> Result {
    if let day = isoDay(bytes) { return .day(day) }
    if let result = parseYearFirst(bytes) { return result }
    return parse(String(decoding: bytes, as: UTF8.self), order: order, evidence: &evidence)
  }

  /// Reads a valid `2025-05-08`, `2025/05/08` or `2025/5/8` of the years
  /// `MonthStarts` covers, the form of millions of cells in a large export,
  /// with a table instead of calendar arithmetic.
  /// - Returns: nil for anything else, which the general path then reads.
  private static func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count >= 8, bytes.count <= 10 else { return nil }
    let separator = bytes[4]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { return nil }
    // The month has one or two digits, so the second separator is at 6 or 7.
    let second = bytes[6] == separator ? 6 : 7
    guard bytes[second] == separator, bytes.count - second - 1 <= 2 else { return nil }

    var isDigits = true
    func number(_ range: Range<Int>) -> Int {
      var value = 0
      for index in range {
        let digit = bytes[index] &- UInt8(ascii: "0")
        isDigits = isDigits && digit <= 9
        value = value * 10 + Int(digit)
      }
      return value
    }
    let year = number(0..<4)
    let month = number(5..<second)
    let day = number((second + 1)..<bytes.count)
    guard isDigits else { return nil }
    return MonthStarts.day(year: year, month: month, day: day)
  }

  /// Parses `text`; `order` is `.mdy` or `.dmy` when the column's order is
  /// known, else `.auto` (ambiguous values are returned as such).
  static func parse(_ text: String, order: DateOrder, evidence: inout OrderEvidence) -> Result {
    if let result = parseYearFirst(text.utf8) { return result }
    let folded = foldedWidth(text)
    if let day = excelSerial(folded) { return .day(day) }
    let datePart =
      folded.split(
        maxSplits: 1, whereSeparator: { $0 == " " || $0 == "T" }
      ).first.map(String.init) ?? folded

    if let result = parseNumeric(datePart, order: order, evidence: &evidence) {
      return result
    }
    if let day = parseMonthName(folded) {
      return .day(day)
    }
    return .invalid
  }

  /// The day before Excel's 1900 date system begins, counted as serial 0.
  ///
  /// Excel also counts a 29 February 1900 that never was, so serials from 61 on
  /// land right with this origin; earlier serials are not accepted.
  private static let excelOrigin = Day(year: 1899, month: 12, day: 30)

  /// Reads an Excel serial date (`45876`, `45876.5` with a time of day):
  /// five digits, 1954-10-03 (20000) to 2119-01-11 (80000), the range of
  /// dates a sales export holds.
  static func excelSerial(_ text: String) -> Day? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts[0].count == 5, parts[0].allSatisfy(\.isASCII),
      let serial = Int32(parts[0]), (20_000...80_000).contains(serial),
      parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }),
      let origin = excelOrigin
    else { return nil }
    return Day(daysSinceEpoch: origin.daysSinceEpoch + serial)
  }

  /// Reads `2025-05-08` and `2025/5/8`, with or without a time after a
  /// space or `T`, straight from the bytes: the forms nearly every export
  /// uses, so the general path below handles only the rest.
  /// - Returns: nil when the text has another form.
  private static func parseYearFirst(_ text: some Sequence<UInt8>) -> Result? {
    var parts = (0, 0, 0)
    var digits = (0, 0, 0)
    var part = 0
    var separator: UInt8 = 0
    for byte in text {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let value = Int(byte - UInt8(ascii: "0"))
        switch part {
        case 0:
          parts.0 = parts.0 * 10 + value
          digits.0 += 1
        case 1:
          parts.1 = parts.1 * 10 + value
          digits.1 += 1
        default:
          parts.2 = parts.2 * 10 + value
          digits.2 += 1
        }
        if digits.0 > 4 || digits.1 > 2 || digits.2 > 2 { return nil }
      case UInt8(ascii: "-"), UInt8(ascii: "/"):
        guard part < 2, separator == 0 || separator == byte else { return nil }
        separator = byte
        part += 1
      case UInt8(ascii: " "), UInt8(ascii: "T"):
        // A time of day follows; the date is complete when all three parts are.
        guard part == 2, digits.2 > 0 else { return nil }
        return finishYearFirst(parts, digits)
      default:
        return nil
      }
    }
    guard part == 2 else { return nil }
    return finishYearFirst(parts, digits)
  }

  private static func finishYearFirst(_ parts: (Int, Int, Int), _ digits: (Int, Int, Int))
    -> Result?
  {
    guard digits.0 == 4, digits.1 > 0, digits.2 > 0 else { return nil }
    return Day(year: parts.0, month: parts.1, day: parts.2).map(Result.day) ?? .invalid
  }

  /// Resolves an ambiguous value once the column's order is known.
  static func resolve(first: Int, second: Int, year: Int, order: DateOrder) -> Day? {
    order == .dmy
      ? Day(year: year, month: second, day: first)
      : Day(year: year, month: first, day: second)
  }

  private static func parseNumeric(_ text: String, order: DateOrder, evidence: inout OrderEvidence)
    -> Result?
  {
    var parts: [Int] = []
    var widths: [Int] = []
    var current = 0
    var width = 0
    var separators: Set<Character> = []
    for character in text {
      if let digit = character.wholeNumberValue, character.isASCII {
        current = current * 10 + digit
        width += 1
        guard width <= 8 else { return nil }
      } else if "-/.年月日".contains(character) {
        guard width > 0 else { return nil }
        parts.append(current)
        widths.append(width)
        current = 0
        width = 0
        if character != "日" { separators.insert(character) }
      } else {
        return nil
      }
    }
    if width > 0 {
      parts.append(current)
      widths.append(width)
    }

    if parts.count == 1, widths[0] == 8 {
      let value = parts[0]
      return Day(year: value / 10_000, month: value / 100 % 100, day: value % 100).map(Result.day)
        ?? .invalid
    }
    guard parts.count == 3, separators.count <= 2 else { return nil }

    if widths[0] == 4 {
      return Day(year: parts[0], month: parts[1], day: parts[2]).map(Result.day) ?? .invalid
    }
    guard widths[2] == 4, widths[0] <= 2, widths[1] <= 2 else { return .invalid }
    let (first, second, year) = (parts[0], parts[1], parts[2])
    // A dotted date with the year last is European (28.09.2025).
    let isDotted = separators == ["."]

    // A value that contradicts a configured order is not a date in that
    // order; dotted dates are day first in every locale that writes them.
    if first > 12, order == .mdy, !isDotted { return .invalid }
    if second > 12, order == .dmy { return .invalid }
    if first > 12 || isDotted {
      evidence.dayFirst += first > 12 ? 1 : 0
      return Day(year: year, month: second, day: first).map(Result.day) ?? .invalid
    }
    if second > 12 {
      evidence.monthFirst += 1
      return Day(year: year, month: first, day: second).map(Result.day) ?? .invalid
    }
    switch order {
    case .dmy: return Day(year: year, month: second, day: first).map(Result.day) ?? .invalid
    case .mdy: return Day(year: year, month: first, day: second).map(Result.day) ?? .invalid
    // Year first tells nothing about day and month when the year comes last.
    case .auto, .ymd:
      if first == second {
        return Day(year: year, month: first, day: second).map(Result.day) ?? .invalid
      }
      return .ambiguous(first: first, second: second, year: year)
    }
  }

  private static let monthNames: [String: Int] = {
    let names = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december",
    ]
    var table: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      table[name] = index + 1
      table[String(name.prefix(3))] = index + 1
    }
    table["sept"] = 9
    return table
  }()

  /// `Jan 1, 2006 …`, `January 1 2006`, `1 Jan 2006`, `1-Jan-2006`.
  private static func parseMonthName(_ text: String) -> Day? {
    let tokens = text.lowercased().split(whereSeparator: { " ,-/".contains($0) }).map(String.init)
    guard tokens.count >= 3 else { return nil }
    let (a, b, c) = (tokens[0], tokens[1], tokens[2])
    if let month = monthNames[a], let day = Int(b), let year = Int(c), c.count == 4 {
      return Day(year: year, month: month, day: day)
    }
    if let day = Int(a), let month = monthNames[b], let year = Int(c), c.count == 4 {
      return Day(year: year, month: month, day: day)
    }
    return nil
  }
}

/// The first day of every month from 1900 to 2155, so that a valid date of
/// those years is a table lookup and an addition.
enum MonthStarts {
  static let firstYear = 1900
  static let yearCount = 256

  /// Days since the epoch of each month's first day, and of January of the year after the last.
  private static let starts: [Int32] = {
    var starts: [Int32] = []
    starts.reserveCapacity(yearCount * 12 + 1)
    for year in firstYear..<(firstYear + yearCount) {
      for month in 1...12 {
        starts.append(Day(year: year, month: month, day: 1)?.daysSinceEpoch ?? 0)
      }
    }
    starts.append(Day(year: firstYear + yearCount, month: 1, day: 1)?.daysSinceEpoch ?? 0)
    return starts
  }()

  /// Returns the day, or nil for a date outside the table or one that does not exist.
  static func day(year: Int, month: Int, day: Int) -> Day? {
    guard year >= firstYear, year < firstYear + yearCount, month >= 1, month <= 12 else {
      return nil
    }
    let index = (year - firstYear) * 12 + month - 1
    let start = starts[index]
    guard day >= 1, day <= Int(starts[index + 1] - start) else { return nil }
    return Day(daysSinceEpoch: start + Int32(day - 1))
  }
}
