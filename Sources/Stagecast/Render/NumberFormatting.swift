/// Formats numbers, amounts, rates and dates the way each audience reads them:
/// zh-CN amounts in 万元 with two decimals, en amounts with thousands
/// separators and the currency code.
public struct NumberFormatting: Sendable {
  public var language: ReportLanguage
  public var currency: String

  public init(language: ReportLanguage, currency: String) {
    self.language = language
    self.currency = currency
  }

  /// Formats an amount: `1,234.50 万元` (zh-CN, CNY), `CNY 12,345,000` (en).
  public func amount(_ value: Double) -> String {
    switch language {
    case .zhCN:
      let unit = currency == "CNY" ? "万元" : "万 \(currency)"
      return "\(Self.grouped(value / 10_000, decimals: 2)) \(unit)"
    case .en:
      return "\(currency) \(Self.grouped(value, decimals: 0))"
    }
  }

  /// Formats a share as a percentage with one decimal, or an en dash when undefined.
  public func rate(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "–" }
    return "\(Self.fixed(value * 100, decimals: 1))%"
  }

  /// Formats a count with thousands separators.
  public func count(_ value: Int) -> String {
    Self.grouped(Double(value), decimals: 0)
  }

  /// Formats a date: `2026年11月30日` (zh-CN), `2026-11-30` (en).
  public func date(_ day: Day) -> String {
    let (year, month, dayOfMonth) = day.components
    return language == .zhCN ? "\(year)年\(month)月\(dayOfMonth)日" : day.isoString
  }

  /// Formats a month: `2026年11月` (zh-CN), `2026-11` (en).
  public func month(_ monthNumber: Int) -> String {
    language == .zhCN
      ? "\(monthNumber / 12)年\(monthNumber % 12 + 1)月" : Day.monthLabel(monthNumber)
  }

  /// Formats the calendar quarter of a month: `2026年第四季度` (zh-CN), `2026-Q4` (en).
  public func quarter(_ monthNumber: Int) -> String {
    let year = monthNumber / 12
    let quarter = monthNumber % 12 / 3 + 1
    guard language == .zhCN else { return Day.quarterLabel(monthNumber) }
    return "\(year)年第\(["一", "二", "三", "四"][quarter - 1])季度"
  }

  /// `value` rounded half away from zero to `decimals` places, with a point.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    grouped(value, decimals: decimals, separator: "")
  }

  /// `value` rounded to `decimals` places with a thousands separator.
  public static func grouped(_ value: Double, decimals: Int, separator: String = ",") -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else { return String(value) }
    let units = UInt64(scaled)
    let whole = units / UInt64(scale)
    let fraction = units % UInt64(scale)

    var digits = String(whole)
    if !separator.isEmpty, digits.count > 3 {
      var groupedDigits = ""
      for (offset, character) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { groupedDigits += separator }
        groupedDigits.append(character)
      }
      digits = groupedDigits
    }
    let sign = value < 0 && units > 0 ? "-" : ""
    guard decimals > 0 else { return sign + digits }
    let fractionDigits = String(fraction)
    return sign + digits + "." + String(repeating: "0", count: decimals - fractionDigits.count)
      + fractionDigits
  }

  /// A number for CSV and JSON: integers without a decimal point, other
  /// values in Swift's shortest round-trip form, nil as empty.
  public static func machine(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 9.0e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }
}
