/// The forecast of one replayed month-end for a window of months after it,
/// beside what was won in that window.
public struct BacktestPeriod: Sendable {
  /// The replayed as-of date: a month-end.
  public var asOf: Day
  /// Month number of the window's first month (the month after `asOf`).
  public var firstMonth: Int
  /// Months in the window: 1 for the next month, 3 for the next three months.
  public var months: Int
  /// Open deals on `asOf` expected to close in the window.
  public var openDeals: Int
  /// The stagecast forecast: each open deal's amount × p̂ × the share of
  /// its forecast line's expected value that past replays saw won in such a
  /// window, plus the mean won by deals created after a replay date.
  public var forecast: Double
  /// Σ amount × p̂ over the deals expected to close in the window: the
  /// report's forecast lines, before timing is measured.
  public var lineForecast: Double
  /// Σ amount × the configured stage probability over the same deals: the
  /// weighted pipeline a CRM shows.
  public var baseline: Double
  /// The part of `forecast` expected from deals not yet created on `asOf`.
  public var newDeals: Double
  /// The simulated range of `forecast`.
  public var p10: Double
  public var p50: Double
  public var p90: Double
  /// Amount won with a close date in the window, by any deal.
  public var actual: Double
  /// The part of `actual` won by deals already open on `asOf`.
  public var actualFromPipeline: Double
  /// Whether the window ends on or before the data's as-of date; an
  /// incomplete window is shown and left out of every score.
  public var isComplete: Bool

  /// Whether the P10–P90 range held the outcome.
  public var rangeHeld: Bool { actual >= p10 && actual <= p90 }
}

/// Forecast errors over the complete windows, for one method.
public struct BacktestAccuracy: Sendable {
  /// Windows with a non-zero outcome, the ones the percentage errors use.
  public var scoredPeriods = 0
  /// Mean of |forecast − actual| ÷ actual.
  public var mape: Double?
  /// Mean of (forecast − actual) ÷ actual: above 0 the method forecast too much.
  public var bias: Double?

  init(forecasts: [Double], actuals: [Double]) {
    let pairs = zip(forecasts, actuals).filter { $0.1 != 0 }
    scoredPeriods = pairs.count
    guard !pairs.isEmpty else { return }
    let count = Double(pairs.count)
    mape = pairs.reduce(0) { $0 + abs($1.0 - $1.1) / $1.1 } / count
    bias = pairs.reduce(0) { $0 + ($1.0 - $1.1) / $1.1 } / count
  }
}

/// One row of a reliability table: deals whose probability fell in
/// [lower, lower + 0.1), with how many of them were then won.
public struct CalibrationBin: Sendable {
  public var lower: Double
  public var deals = 0
  public var probabilitySum = 0.0
  public var won = 0

  /// Mean probability given to the bin's deals.
  public var meanProbability: Double? { deals > 0 ? probabilitySum / Double(deals) : nil }
  /// Share of the bin's deals that were won.
  public var wonRate: Double? { deals > 0 ? Double(won) / Double(deals) : nil }
}

/// Per-deal scores of one probability method: the Brier score and a
/// reliability table by decile.
public struct ProbabilityScore: Sendable {
  /// Deal forecasts scored: an open deal on a replayed date, since won or lost.
  public var scoredDeals = 0
  /// Mean of (p − outcome)², outcome 1 for won and 0 for lost; 0 is perfect.
  public var brier: Double?
  public var bins: [CalibrationBin] = (0..<10).map { CalibrationBin(lower: Double($0) / 10) }
  private var squaredErrorSum = 0.0

  mutating func add(probability: Double, won: Bool) {
    scoredDeals += 1
    let outcome = won ? 1.0 : 0.0
    squaredErrorSum += (probability - outcome) * (probability - outcome)
    brier = squaredErrorSum / Double(scoredDeals)
    // 1.0 falls in the top bin, with 0.9 ≤ p.
    let bin = min(9, Int((probability * 10).rounded(.down)))
    bins[bin].deals += 1
    bins[bin].probabilitySum += probability
    if won { bins[bin].won += 1 }
  }
}

/// A replay of past month-ends: the forecast for the next month
/// and the next three months, against what was then won, and the same for
/// the weighted pipeline with the configured stage probabilities.
///
/// The forecast of a window measures timing as well as winning. Deals of
/// each forecast line (overdue, each month, later, undated) are weighted by
/// the share of that line's expected value that was won inside such a window
/// at the earlier month-ends whose window had ended by the replayed date, and
/// deals not yet created add the mean amount they won in those windows.
/// Nothing decided after the replayed date enters its forecast.
///
/// A replay sees the deals as the export shows them today: amounts, grades and
/// expected close dates have no history in one export, so a deal that slipped
/// is forecast in the month its date finally moved to. Archived monthly exports
/// would replay the dates of the time.
public struct Backtest: Sendable {
  /// Earlier month-ends whose windows measure the timing of a replay.
  public static let timingMonths = 6

  /// The data's as-of date: windows must end on or before it to be scored.
  public var dataAsOf: Day
  public var replays: [Day]
  /// Next-month windows, one per replay.
  public var months: [BacktestPeriod]
  /// Next-three-months windows, one per replay.
  public var quarters: [BacktestPeriod]
  public var monthAccuracy: BacktestAccuracy
  public var monthLineAccuracy: BacktestAccuracy
  public var monthBaselineAccuracy: BacktestAccuracy
  public var quarterAccuracy: BacktestAccuracy
  public var quarterLineAccuracy: BacktestAccuracy
  public var quarterBaselineAccuracy: BacktestAccuracy
  /// Complete next-month windows whose P10–P90 range held the outcome, of all complete ones.
  public var monthsInRange: Int
  public var completeMonths: Int
  public var quartersInRange: Int
  public var completeQuarters: Int
  /// p̂ of every deal open on a replayed date and since closed.
  public var measuredScore: ProbabilityScore
  /// The configured stage probability of the same deals.
  public var baselineScore: ProbabilityScore
  public var runs: Int
  public var seed: UInt64

  /// Returns the replayed span: `from` and `to` when given, by default the twelve
  /// month-ends whose next month has ended by `asOf`.
  public static func window(asOf: Day, from: Day?, to: Day?) -> (from: Day, to: Day) {
    let lastReplayMonth = asOf.monthNumber - (asOf == Day.lastOfMonth(asOf.monthNumber) ? 1 : 2)
    return (
      from ?? Day.lastOfMonth(lastReplayMonth - 11), to ?? Day.lastOfMonth(lastReplayMonth)
    )
  }

  /// Returns the month-ends from `from`'s month to `to`'s month, leaving
  /// out a month whose end is after `to`.
  public static func monthEnds(from: Day, to: Day) -> [Day] {
    guard from <= to else { return [] }
    return (from.monthNumber...to.monthNumber).map(Day.lastOfMonth).filter { $0 <= to }
  }

  /// Replays every month-end of `replays`.
  /// - Complexity: O(month-ends × (deals + history entries) × stages + replays × runs × open deals),
  ///   where the month-ends reach `timingMonths` + 3 months before the first replay.
  public static func run(
    opportunities: [Opportunity], history: StageHistory?, replays: [Day], dataAsOf: Day,
    configuration: Configuration, archive: [Day: [Opportunity]] = [:]
  ) -> Backtest {
    // Archived exports replay the amounts and close dates of their time; a
    // month-end without one is replayed from the newest data.
    let outcomes = archive.isEmpty ? nil : Outcomes(newest: opportunities)
    let runs = configuration.forecast.simulations
    let seed = configuration.forecast.seed

    // Every month-end a replay or its timing needs is analysed once.
    var snapshots: [Int: Snapshot] = [:]
    func snapshot(_ month: Int) -> Snapshot {
      if let known = snapshots[month] { return known }
      let monthEnd = Day.lastOfMonth(month)
      let analysed =
        archive[monthEnd].map {
          Snapshot(
            opportunities: $0, history: nil, asOf: monthEnd, configuration: configuration,
            outcomes: outcomes)
        }
        ?? Snapshot(
          opportunities: opportunities, history: history, asOf: monthEnd,
          configuration: configuration)
      snapshots[month] = analysed
      return analysed
    }

    var months: [BacktestPeriod] = []
    var quarters: [BacktestPeriod] = []
    var measuredScore = ProbabilityScore()
    var baselineScore = ProbabilityScore()
    for asOf in replays {
      let replay = snapshot(asOf.monthNumber)
      func forecast(months length: Int) -> BacktestPeriod {
        // The month-ends whose window of this length had ended by the replay date.
        let earlier = (1...timingMonths).map { asOf.monthNumber - length + 1 - $0 }.map(snapshot)
        let timing = Timing(measuredAt: earlier, months: length, classCount: replay.classCount)
        return replay.period(
          months: length, timing: timing, dataAsOf: dataAsOf, runs: runs, seed: seed)
      }
      months.append(forecast(months: 1))
      quarters.append(forecast(months: 3))
      replay.score(dataAsOf: dataAsOf, measured: &measuredScore, baseline: &baselineScore)
    }

    let completeMonths = months.filter(\.isComplete)
    let completeQuarters = quarters.filter(\.isComplete)
    func accuracy(_ periods: [BacktestPeriod], _ figure: (BacktestPeriod) -> Double)
      -> BacktestAccuracy
    {
      BacktestAccuracy(forecasts: periods.map(figure), actuals: periods.map(\.actual))
    }
    return Backtest(
      dataAsOf: dataAsOf, replays: replays, months: months, quarters: quarters,
      monthAccuracy: accuracy(completeMonths, \.forecast),
      monthLineAccuracy: accuracy(completeMonths, \.lineForecast),
      monthBaselineAccuracy: accuracy(completeMonths, \.baseline),
      quarterAccuracy: accuracy(completeQuarters, \.forecast),
      quarterLineAccuracy: accuracy(completeQuarters, \.lineForecast),
      quarterBaselineAccuracy: accuracy(completeQuarters, \.baseline),
      monthsInRange: completeMonths.filter(\.rangeHeld).count,
      completeMonths: completeMonths.count,
      quartersInRange: completeQuarters.filter(\.rangeHeld).count,
      completeQuarters: completeQuarters.count,
      measuredScore: measuredScore, baselineScore: baselineScore, runs: runs, seed: seed)
  }
}

/// The deals as the newest data shows them, matched to a replay's deals.
struct Outcomes: Sendable {
  var deals: [Opportunity]
  /// Position of each id; nil when the replays read the same list, position for position.
  private var positionOf: [String: Int]?

  /// Outcomes read from the same list the replays read.
  init(deals: [Opportunity]) {
    self.deals = deals
  }

  /// Outcomes of another list (the newest snapshot or export), matched by id.
  init(newest deals: [Opportunity]) {
    self.deals = deals
    var positions: [String: Int] = [:]
    positions.reserveCapacity(deals.count)
    for (position, deal) in deals.enumerated() { positions[deal.id] = position }
    positionOf = positions
  }

  /// Returns where `deal`, at `position` in the replay's list, sits in `deals`.
  func position(of deal: Opportunity, at position: Int) -> Int? {
    guard let positionOf else { return position }
    return positionOf[deal.id]
  }
}

/// The open deals of one month-end, as the backtest needs them.
private struct Snapshot {
  /// An open deal with its forecast line.
  struct OpenDeal {
    var opportunity: Int
    /// Position of the deal's forecast line: overdue, the months, later, undated.
    var line: Int
    var amount: Double
    var probability: Double
    var configuredProbability: Double
  }

  let asOf: Day
  let opportunities: [Opportunity]
  let openDeals: [OpenDeal]
  let classCount: Int
  /// The deals as the newest data shows them, which tell what was then won.
  let outcomes: Outcomes
  /// The position in `outcomes.deals` of each open deal, nil when the newest data lacks it.
  let outcomeOf: [Int?]

  init(
    opportunities: [Opportunity], history: StageHistory?, asOf: Day, configuration: Configuration,
    outcomes: Outcomes? = nil
  ) {
    self.asOf = asOf
    self.opportunities = opportunities
    let outcomes = outcomes ?? Outcomes(deals: opportunities)
    self.outcomes = outcomes
    // The next three months must be forecast lines of their own.
    let horizon = max(configuration.forecast.horizonMonths, 4)
    let states = DealState.states(
      of: opportunities, history: history, asOf: asOf, configuration: configuration)
    var won = 0
    var lost = 0
    for state in states where state.isInPopulation {
      if state.status == .won { won += 1 }
      if state.status == .lost { lost += 1 }
    }
    // As in the report: wins without a single loss measure no rate.
    let probabilities = WinProbabilityTable.measure(
      states: states, configuration: configuration, lossesMissing: won > 0 && lost == 0)

    // Lines as in `Forecast`: overdue, the horizon's months, later, undated.
    classCount = horizon + 3
    var openDeals: [OpenDeal] = []
    for state in states where state.status == .open {
      let deal = opportunities[state.opportunity]
      let line: Int
      switch Forecast.period(of: deal.expectedCloseOn, asOf: asOf, horizon: horizon) {
      case .overdue: line = 0
      case .month(let month): line = 1 + month - asOf.monthNumber
      case .later: line = horizon + 1
      case .undated: line = horizon + 2
      }
      openDeals.append(
        OpenDeal(
          opportunity: state.opportunity, line: line, amount: deal.amount ?? 0,
          probability: probabilities.probability(grade: state.grade, stage: state.currentStage),
          configuredProbability: configuration.stages[state.currentStage - 1].defaultProbability))
    }
    self.openDeals = openDeals
    outcomeOf = openDeals.map {
      outcomes.position(of: opportunities[$0.opportunity], at: $0.opportunity)
    }
  }

  /// Returns the window of `months` months after the snapshot's month.
  func window(months: Int) -> ClosedRange<Day> {
    let first = asOf.monthNumber + 1
    return Day.firstOfMonth(monthNumber: first)...Day.lastOfMonth(first + months - 1)
  }

  /// Lines whose deals the report expects in the window: the months it covers.
  func windowLines(months: Int) -> Range<Int> { 2..<(2 + months) }

  /// Forecasts the window and measures what was won in it.
  func period(months: Int, timing: Timing, dataAsOf: Day, runs: Int, seed: UInt64)
    -> BacktestPeriod
  {
    let window = window(months: months)
    let lines = windowLines(months: months)
    var period = BacktestPeriod(
      asOf: asOf, firstMonth: asOf.monthNumber + 1, months: months, openDeals: 0, forecast: 0,
      lineForecast: 0, baseline: 0, newDeals: 0, p10: 0, p50: 0, p90: 0, actual: 0,
      actualFromPipeline: 0, isComplete: window.upperBound <= dataAsOf)

    for deal in openDeals where lines.contains(deal.line) {
      period.openDeals += 1
      period.lineForecast += deal.amount * deal.probability
      period.baseline += deal.amount * deal.configuredProbability
    }

    // Each earlier month-end is a timing scenario; the forecast is their
    // mean, and the range gives each an equal block of runs.
    let ordered = openDeals.sorted {
      opportunities[$0.opportunity].id.precedesByBytes(opportunities[$1.opportunity].id)
    }
    var totals: [Double] = []
    let scenarios = timing.scenarios
    for (number, scenario) in scenarios.enumerated() {
      var simulated: [ForecastRange.SimulatedDeal] = []
      simulated.reserveCapacity(ordered.count)
      var expected = scenario.newDeals
      for deal in ordered {
        let p = min(1, deal.probability * scenario.rates[deal.line])
        expected += deal.amount * p
        simulated.append(
          ForecastRange.SimulatedDeal(
            id: opportunities[deal.opportunity].id, line: 0, amount: deal.amount,
            cents: opportunities[deal.opportunity].amountCents ?? 0,
            threshold: UInt64((p * 9_007_199_254_740_992).rounded(.up)), p: p))
      }
      period.forecast += expected / Double(scenarios.count)
      period.newDeals += scenario.newDeals / Double(scenarios.count)
      let block = (runs * number / scenarios.count)..<(runs * (number + 1) / scenarios.count)
      totals += ForecastRange.draw(simulated, lineCount: 1, runs: block, seed: seed).map {
        $0 + scenario.newDeals
      }
    }
    (period.p10, period.p50, period.p90) = ForecastRange.percentiles(of: totals)

    // The outcome comes from the newest data: deals closed after the replay date count.
    let wasOpen = Set(outcomeOf.compactMap { $0 })
    for (index, deal) in outcomes.deals.enumerated() {
      guard deal.status == .won, let closed = deal.closedOn, window.contains(closed) else {
        continue
      }
      period.actual += deal.amount ?? 0
      if wasOpen.contains(index) { period.actualFromPipeline += deal.amount ?? 0 }
    }

    return period
  }

  /// Returns what each line's deals won inside the window, what they were expected
  /// to win at all, and what deals created later won in it.
  func realized(months: Int) -> (won: [Double], expected: [Double], newDeals: Double) {
    let window = window(months: months)
    var won = [Double](repeating: 0, count: classCount)
    var expected = [Double](repeating: 0, count: classCount)
    for (position, deal) in openDeals.enumerated() {
      expected[deal.line] += deal.amount * deal.probability
      guard let outcome = outcomeOf[position].map({ outcomes.deals[$0] }) else { continue }
      if outcome.status == .won, let closed = outcome.closedOn, window.contains(closed) {
        won[deal.line] += deal.amount
      }
    }
    var newDeals = 0.0
    for deal in outcomes.deals where deal.status == .won {
      guard let closed = deal.closedOn, window.contains(closed),
        let created = deal.createdOn, created > asOf
      else { continue }
      newDeals += deal.amount ?? 0
    }
    return (won, expected, newDeals)
  }

  /// Scores the probability of every deal open on the month-end that
  /// was won or lost by the data's as-of date.
  func score(dataAsOf: Day, measured: inout ProbabilityScore, baseline: inout ProbabilityScore) {
    for (position, deal) in openDeals.enumerated() {
      guard let opportunity = outcomeOf[position].map({ outcomes.deals[$0] }),
        opportunity.status == .won || opportunity.status == .lost,
        let closed = opportunity.closedOn, closed <= dataAsOf
      else { continue }
      let won = opportunity.status == .won
      measured.add(probability: deal.probability, won: won)
      baseline.add(probability: deal.configuredProbability, won: won)
    }
  }
}

/// How much of each forecast line's expected value earlier month-ends saw
/// won inside a window of the same length, and what new deals added: one
/// scenario per earlier month-end, so month-to-month swings in timing widen
/// the range as they would the outcome.
private struct Timing {
  struct Scenario {
    /// Won in the window ÷ Σ amount × p̂, per line; 0 where a line expected nothing.
    var rates: [Double]
    /// Amount won in the window by deals created after the month-end.
    var newDeals: Double
  }

  var scenarios: [Scenario]

  init(measuredAt snapshots: [Snapshot], months: Int, classCount: Int) {
    scenarios = snapshots.map { snapshot in
      let realized = snapshot.realized(months: months)
      var rates = [Double](repeating: 0, count: classCount)
      for line in 0..<min(classCount, realized.won.count) where realized.expected[line] > 0 {
        rates[line] = realized.won[line] / realized.expected[line]
      }
      return Scenario(rates: rates, newDeals: realized.newDeals)
    }
  }
}

extension Day {
  /// The first day of a month number.
  public static func firstOfMonth(monthNumber: Int) -> Day {
    Day.lastOfMonth(monthNumber).firstOfMonth
  }

  /// The last day of a month number.
  public static func lastOfMonth(_ monthNumber: Int) -> Day {
    let year = monthNumber / 12
    let month = monthNumber % 12 + 1
    // Force unwrap: the month's own length gives a real date.
    // swift-format-ignore: NeverForceUnwrap
    return Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month))!
  }
}
