/// A forecast line: overdue, a calendar month, later, or undated.
public enum ForecastPeriod: Hashable, Sendable {
  /// Open deals whose expected close is before the as-of date.
  case overdue
  /// A calendar month, as months since year 0.
  case month(Int)
  /// Expected to close after the horizon.
  case later
  /// Open deals without an expected close date.
  case undated

  /// `overdue`, `YYYY-MM`, `later`, `undated`: the key used in CSV and JSON.
  public var key: String {
    switch self {
    case .overdue: return "overdue"
    case .month(let month): return Day.monthLabel(month)
    case .later: return "later"
    case .undated: return "undated"
    }
  }
}

/// Figures of one forecast line, for one grade or for all.
public struct ForecastFigures: Sendable {
  public var openDeals = 0
  /// Open deals without a value (no amount, or no exchange rate).
  public var notValuedDeals = 0
  /// Sum of the valued open deals' amounts.
  public var pipeline = 0.0
  /// Sum of amount × p̂.
  public var expected = 0.0
  /// Deals won from the first of the as-of month to the as-of date (as-of month only).
  public var wonDeals = 0
  public var wonSoFar = 0.0
  /// Valued open deals that carry the owner's own probability.
  public var dealsWithOwnerProbability = 0
  /// Sum of amount × the owner's probability over those deals: the owner's
  /// call, shown beside the measured forecast and never in its place.
  public var ownerExpected = 0.0

  /// Won so far plus the expected value (预计完成).
  public var landing: Double { wonSoFar + expected }
}

/// One line of the forecast with its grade breakdown.
public struct ForecastLine: Sendable {
  public var period: ForecastPeriod
  public var total: ForecastFigures
  /// Figures per grade, A to E.
  public var byGrade: [Grade: ForecastFigures]
}

/// The forecast by period and grade.
public struct Forecast: Sendable {
  /// Overdue, the horizon's months from the as-of month, later, undated.
  public var lines: [ForecastLine]
  /// Month number of the as-of month.
  public var asOfMonth: Int

  /// The as-of month's line, which follows the overdue line.
  public var asOfMonthLine: ForecastLine { lines[1] }

  /// The sums of every line: the whole open pipeline (won so far stays 0).
  public var openTotal: ForecastFigures {
    lines.reduce(into: ForecastFigures()) { sum, line in
      sum.openDeals += line.total.openDeals
      sum.notValuedDeals += line.total.notValuedDeals
      sum.pipeline += line.total.pipeline
      sum.expected += line.total.expected
      sum.dealsWithOwnerProbability += line.total.dealsWithOwnerProbability
      sum.ownerExpected += line.total.ownerExpected
    }
  }

  /// Deals won from the first day of the as-of quarter to the as-of date.
  public var quarterWonDeals = 0
  public var quarterWonSoFar = 0.0

  /// The as-of quarter's months from the as-of month on.
  public var quarterMonths: ClosedRange<Int> { Forecast.quarterMonths(asOfMonth: asOfMonth) }

  /// The expected value of the deals expected to close in the rest of the as-of quarter.
  public var quarterExpected: Double {
    lines.reduce(0) { sum, line in
      guard case .month(let month) = line.period, quarterMonths.contains(month) else { return sum }
      return sum + line.total.expected
    }
  }

  /// The as-of quarter's landing: won so far in the quarter plus the expected value of its months.
  public var quarterLanding: Double { quarterWonSoFar + quarterExpected }

  /// Returns the months from `asOfMonth` to the end of its calendar quarter.
  static func quarterMonths(asOfMonth: Int) -> ClosedRange<Int> {
    let quarterEnd = asOfMonth - asOfMonth % 12 % 3 + 2
    return asOfMonth...quarterEnd
  }

  /// The overdue line, always the first.
  public var overdueLine: ForecastLine { lines[0] }

  /// The as-of month's landing without the overdue deals.
  public var landing: Double { asOfMonthLine.total.landing }

  /// The as-of month's landing with the overdue deals' expected value, which
  /// are often the deals closing now.
  public var landingWithOverdue: Double { landing + overdueLine.total.expected }

  /// The line an open deal falls on.
  static func period(of expectedClose: Day?, asOf: Day, horizon: Int) -> ForecastPeriod {
    guard let expectedClose else { return .undated }
    if expectedClose < asOf { return .overdue }
    let offset = expectedClose.monthNumber - asOf.monthNumber
    return offset < horizon ? .month(expectedClose.monthNumber) : .later
  }

  /// Builds the forecast lines.
  /// - Complexity: O(deals).
  static func build(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    asOf: Day, horizon: Int
  ) -> Forecast {
    let asOfMonth = asOf.monthNumber
    let periods: [ForecastPeriod] =
      [.overdue] + (0..<horizon).map { .month(asOfMonth + $0) } + [.later, .undated]
    func position(_ period: ForecastPeriod) -> Int {
      switch period {
      case .overdue: return 0
      case .month(let month): return 1 + month - asOfMonth
      case .later: return horizon + 1
      case .undated: return horizon + 2
      }
    }
    var lines = periods.map { ForecastLine(period: $0, total: ForecastFigures(), byGrade: [:]) }

    func add(_ line: Int, _ grade: Grade, _ update: (inout ForecastFigures) -> Void) {
      update(&lines[line].total)
      update(&lines[line].byGrade[grade, default: ForecastFigures()])
    }

    let monthStart = asOf.firstOfMonth
    let quarterStart = Day.firstOfMonth(monthNumber: asOfMonth - asOfMonth % 12 % 3)
    var quarterWonDeals = 0
    var quarterWonSoFar = 0.0
    for state in states {
      let deal = opportunities[state.opportunity]
      if state.status == .won, let closed = deal.closedOn, closed >= quarterStart, closed <= asOf {
        quarterWonDeals += 1
        quarterWonSoFar += deal.amount ?? 0
      }
      if state.status == .won, let closed = deal.closedOn, closed >= monthStart, closed <= asOf {
        add(position(.month(asOfMonth)), state.grade) { figures in
          figures.wonDeals += 1
          figures.wonSoFar += deal.amount ?? 0
        }
      }
      guard state.status == .open else { continue }

      let period = Forecast.period(of: deal.expectedCloseOn, asOf: asOf, horizon: horizon)
      let probability = probabilities.probability(grade: state.grade, stage: state.currentStage)
      add(position(period), state.grade) { figures in
        figures.openDeals += 1
        if let amount = deal.amount {
          figures.pipeline += amount
          figures.expected += amount * probability
          if let owner = deal.ownerProbability {
            figures.dealsWithOwnerProbability += 1
            figures.ownerExpected += amount * owner
          }
        } else {
          figures.notValuedDeals += 1
        }
      }
    }
    var forecast = Forecast(lines: lines, asOfMonth: asOfMonth)
    forecast.quarterWonDeals = quarterWonDeals
    forecast.quarterWonSoFar = quarterWonSoFar
    return forecast
  }
}
