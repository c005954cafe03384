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

/// An owner's or a region's target for one month against its own forecast.
public struct DimensionTarget: Sendable {
  public var dimension: BreakdownDimension
  public var value: String
  public var month: Int
  public var target: Double
  /// Won from the first of the as-of month to the as-of date (as-of month only).
  public var wonSoFar = 0.0
  /// Open deals of the owner or region expected to close in the month.
  public var openDeals = 0
  public var pipeline = 0.0
  public var expected = 0.0
  /// Won ÷ resolved of the owner's or region's deals in the population, behind `requiredCoverage`.
  public var won = 0
  public var lost = 0

  public var landing: Double { wonSoFar + expected }
  /// Target − landing; negative when the forecast is above target.
  public var gap: Double { target - landing }
  /// Pipeline ÷ (target − won so far); nil when the target is already won.
  public var coverage: Double? { target > wonSoFar ? pipeline / (target - wonSoFar) : nil }
  /// 1 ÷ the owner's or region's own win rate; nil without a resolved deal or a win.
  public var requiredCoverage: Double? { won > 0 ? Double(won + lost) / Double(won) : nil }
}

/// Targets, gaps and coverage of the forecast months that have a target.
public struct TargetCheck: Sendable {
  public var months: [TargetFigures]
  /// Targets per owner and per region, from a targets file, in value and month order.
  public var byDimension: [DimensionTarget] = []
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

  /// Checks owner and region targets against the forecast of their own deals.
  ///
  /// A target month outside the forecast's months is left out, as for the company.
  /// - Complexity: O(deals + targets).
  static func checkDimensions(
    owners: [String: [Int: Double]], regions: [String: [Int: Double]], states: [DealState],
    opportunities: [Opportunity], probabilities: WinProbabilityTable, forecast: Forecast,
    asOf: Day, horizon: Int, lossesMissing: Bool
  ) -> [DimensionTarget] {
    struct Key: Hashable {
      var dimension: BreakdownDimension
      var value: String
      var month: Int
    }
    var months = Set<Int>()
    for line in forecast.lines { if case .month(let month) = line.period { months.insert(month) } }
    var rows: [Key: DimensionTarget] = [:]
    for (dimension, table) in [(BreakdownDimension.owner, owners), (.region, regions)] {
      for (value, targets) in table {
        for (month, target) in targets where months.contains(month) {
          rows[Key(dimension: dimension, value: value, month: month)] = DimensionTarget(
            dimension: dimension, value: value, month: month, target: target)
        }
      }
    }
    guard !rows.isEmpty else { return [] }

    // Resolved deals per owner or region, for the win rate each needs.
    var resolved: [Key: (won: Int, lost: Int)] = [:]
    let monthStart = asOf.firstOfMonth
    for state in states {
      let deal = opportunities[state.opportunity]
      for dimension in [BreakdownDimension.owner, .region] {
        guard let value = dimension.value(of: deal) else { continue }
        let dimensionKey = Key(dimension: dimension, value: value, month: 0)
        if state.isInPopulation, state.status == .won {
          resolved[dimensionKey, default: (0, 0)].won += 1
        }
        if state.isInPopulation, state.status == .lost {
          resolved[dimensionKey, default: (0, 0)].lost += 1
        }

        if state.status == .won, let closed = deal.closedOn, closed >= monthStart, closed <= asOf {
          let key = Key(dimension: dimension, value: value, month: asOf.monthNumber)
          rows[key]?.wonSoFar += deal.amount ?? 0
        }
        guard state.status == .open,
          case .month(let month) = Forecast.period(
            of: deal.expectedCloseOn, asOf: asOf, horizon: horizon)
        else { continue }
        let key = Key(dimension: dimension, value: value, month: month)
        guard rows[key] != nil else { continue }
        rows[key]?.openDeals += 1
        if let amount = deal.amount {
          rows[key]?.pipeline += amount
          rows[key]?.expected +=
            amount * probabilities.probability(grade: state.grade, stage: state.currentStage)
        }
      }
    }
    for key in rows.keys where !lossesMissing {
      let counts = resolved[Key(dimension: key.dimension, value: key.value, month: 0)] ?? (0, 0)
      rows[key]?.won = counts.won
      rows[key]?.lost = counts.lost
    }
    return rows.values.sorted {
      ($0.dimension.rawValue, $0.value, $0.month) < ($1.dimension.rawValue, $1.value, $1.month)
    }
  }
}
