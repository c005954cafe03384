/// A month's target against its forecast.
public struct TargetFigures: Sendable {
  /// Month number of the line.
  public var month: Int
  public var target: Double
  /// Target − landing: what the month still lacks if the forecast holds (negative: above target).
  public var gap: Double
  /// Open pipeline ÷ (target − won so far); nil when the target is already won.
  public var coverage: Double?
}

/// Targets, gaps and coverage of the forecast months that have a target.
public struct TargetCheck: Sendable {
  public var months: [TargetFigures]
  /// The coverage the measured win rate requires: 1 ÷ the win rate from the
  /// first stage over all deals; nil without a measured rate.
  public var requiredCoverage: Double?
  /// Months with a target but no forecast line (past, or beyond the horizon).
  public var ignoredMonths: [Int] = []

  static func check(forecast: Forecast, targets: [Int: Double], overallWinRate: Double?)
    -> TargetCheck
  {
    var months: [TargetFigures] = []
    for line in forecast.lines {
      guard case .month(let month) = line.period, let target = targets[month] else { continue }
      let figures = line.total
      let remaining = target - figures.wonSoFar
      months.append(
        TargetFigures(
          month: month, target: target, gap: target - figures.landing,
          coverage: remaining > 0 ? figures.pipeline / remaining : nil))
    }
    let required = overallWinRate.flatMap { $0 > 0 ? 1 / $0 : nil }
    let used = Set(months.map(\.month))
    let ignored = targets.keys.filter { !used.contains($0) }.sorted()
    return TargetCheck(months: months, requiredCoverage: required, ignoredMonths: ignored)
  }
}
