/// A calendar date without time or time zone, stored as days since 1970-01-01.
///
/// Exports carry dates, not instants, so a day number keeps comparisons and
/// month arithmetic exact and cheap.
public struct Day: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01 (negative before it).
  public let daysSinceEpoch: Int32

  public init(daysSinceEpoch: Int32) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// Creates a day from its proleptic Gregorian components, or returns nil
  /// when they name no real date (2025-02-30 is rejected, never rolled over).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
    guard day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
    daysSinceEpoch = Int32(Day.daysFromCivil(year: year, month: month, day: day))
  }

  /// Creates a day from components the caller has already checked.
  private init(validYear year: Int, month: Int, day: Int) {
    daysSinceEpoch = Int32(Day.daysFromCivil(year: year, month: month, day: day))
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }

  /// Year, month (1–12) and day of month.
  public var components: (year: Int, month: Int, day: Int) {
    Day.civilFromDays(Int(daysSinceEpoch))
  }

  /// Months since year 0 (`year * 12 + month - 1`), for month arithmetic.
  public var monthNumber: Int {
    let (year, month, _) = components
    return year * 12 + month - 1
  }

  /// The first day of this day's month.
  public var firstOfMonth: Day {
    let (year, month, _) = components
    return Day(validYear: year, month: month, day: 1)
  }

  /// The same day `months` calendar months earlier, clamped to the end of a
  /// shorter month (2026-03-31 minus one month is 2026-02-28).
  public func subtractingMonths(_ months: Int) -> Day {
    let target = monthNumber - months
    let year = target / 12
    let month = target % 12 + 1
    let day = min(components.day, Day.daysInMonth(year: year, month: month))
    return Day(validYear: year, month: month, day: day)
  }

  /// `YYYY-MM-DD`.
  public var isoString: String {
    let (year, month, day) = components
    return "\(Day.pad(year, 4))-\(Day.pad(month, 2))-\(Day.pad(day, 2))"
  }

  /// `YYYY-MM` of a month number.
  public static func monthLabel(_ monthNumber: Int) -> String {
    "\(pad(monthNumber / 12, 4))-\(pad(monthNumber % 12 + 1, 2))"
  }

  /// `YYYY-Qn` of the calendar quarter a month number falls in.
  public static func quarterLabel(_ monthNumber: Int) -> String {
    "\(pad(monthNumber / 12, 4))-Q\(monthNumber % 12 / 3 + 1)"
  }

  /// Parses `YYYY-MM-DD`; used for command-line and configuration dates.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  // Days from civil and back use the era-based method (400-year cycles of
  // 146,097 days), which needs no tables and no Foundation calendar.
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
