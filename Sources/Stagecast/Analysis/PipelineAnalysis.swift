/// Counts of deals by their state on the as-of date.
public struct DealCounts: Sendable {
  public var open = 0
  /// Won in the lookback window.
  public var won = 0
  /// Lost in the lookback window.
  public var lost = 0
  /// Excluded (invalid, duplicate, disqualified) in the lookback window.
  public var excluded = 0
  /// Closed before the lookback window began.
  public var closedBeforeWindow = 0
  /// Closed without a close date: left out of every figure.
  public var closedWithoutDate = 0
  /// Created after the as-of date.
  public var notCreatedYet = 0
  /// Closed after the as-of date, so counted open.
  public var closedAfterAsOf = 0
  /// Open deals whose expected close is before the as-of date.
  public var overdue = 0
  /// The rates' population: open plus won and lost in the window.
  public var population = 0
}

/// Gaps and doubts in the data, for the data-quality section.
public struct DataQuality: Sendable {
  /// Population deals without history: taken to have visited every stage up to their furthest.
  public var populationWithoutHistory = 0
  /// Lost deals with no known lost-at stage: counted at stage 1 only.
  public var lostAtUnknownStage = 0
  /// Open deals without a value.
  public var openNotValued = 0
  /// Currencies that lacked an exchange rate, with the number of deals.
  public var missingRates: [String: Int] = [:]
  /// Open deals without an expected close date.
  public var openWithoutExpectedClose = 0
  /// Open deals whose current stage is below their furthest (moved back).
  public var openMovedBack = 0
  /// Open deals whose export stage disagrees with their latest history entry.
  public var stageDisagreements: [Int] = []
  /// History rows dated after the as-of date (ignored).
  public var historyRowsAfterAsOf = 0
  /// Closed deals with a stage entry after their close date: history still
  /// decides the stages visited, the export the outcome, so both readings
  /// stand and the deals are counted here for checking.
  public var dealsWithEntriesAfterClose = 0
  /// The newest created, closed or history date, when later than the as-of date.
  public var newestDateAfterAsOf: Day?
}

/// A step of the analysis, reported as it ends (for `--verbose` and the benchmark).
public enum AnalysisStep: String, CaseIterable, Sendable {
  case states, funnels, dimensionFunnels, probabilities, forecast, range, categories, velocity,
    requiredFields
  case breakdowns, targets, audit, quality, resources
}

/// Everything the report shows, computed from the model; no files, no formats.
public struct PipelineAnalysis: Sendable {
  public var asOf: Day
  /// First day after which closed deals count (nil with the lookback switched off).
  public var windowStart: Day?
  public var opportunities: [Opportunity]
  public var states: [DealState]
  public var counts: DealCounts
  public var funnels: [Funnel]
  /// The funnel of every owner, region and product.
  public var dimensionFunnels: [Funnel]
  public var probabilities: WinProbabilityTable
  /// The owners' own probabilities of the open deals, beside p̂.
  public var ownerProbabilities: OwnerProbabilityTable
  public var forecast: Forecast
  /// The simulated range of the forecast lines.
  public var range: ForecastRange
  /// Demand, capacity and funding of the team's hours.
  public var resources: ResourcePlan
  /// The same with the what-if capacity changes, when any were asked for.
  public var resourcesWhatIf: ResourcePlan?
  /// The owners' forecast categories per line, when the export has them.
  public var categories: ForecastCategories
  /// Time in stage per stage, and the stalled deals.
  public var velocity: Velocity
  /// Open deals × average won deal × win rate ÷ sales cycle.
  public var salesVelocity: SalesVelocity
  /// Open deals that lack fields their stage requires.
  public var requiredFields: RequiredFieldsCheck
  /// Pipeline and win rate by owner, region and product.
  public var breakdowns: Breakdowns
  /// Targets of the forecast months, with gap and coverage.
  public var targets: TargetCheck
  public var audit: GradeAudit
  public var quality: DataQuality
  /// Whether a stage history was given.
  public var hasHistoryFile: Bool
  /// The reading of the input, with its rejects.
  public var input: ImportSummary
  /// Won deals but no lost one in the population: the export probably lacks
  /// its lost deals, so win rates are not measured.
  public var lossesMissing: Bool
  /// Past month-ends replayed and scored, when the run asked for it.
  public var backtest: Backtest?
  /// The archived exports' pipeline, forecast and win rate, oldest first; empty without a store.
  public var trend: [TrendPoint] = []
  /// The movements since the newest archived export before the as-of date, when there is one.
  public var sinceLastSnapshot: Comparison?

  /// The funnel of all deals.
  public var overallFunnel: Funnel {
    // `Population.standard` starts with `.all`.
    funnels[0]
  }

  /// Open deals in id order, with their state.
  public var openDeals: [DealState] {
    states.filter { $0.status == .open }.sorted {
      opportunities[$0.opportunity].id.precedesByBytes(opportunities[$1.opportunity].id)
    }
  }

  /// Analyses the opportunities as of `asOf`, calling `onStep` as each step ends.
  /// - Complexity: O((deals + history entries) × stages).
  public static func analyse(
    opportunities: [Opportunity], history: StageHistory?, asOf: Day, configuration: Configuration,
    input: ImportSummary, onStep: (AnalysisStep) -> Void = { _ in }
  ) -> PipelineAnalysis {
    func step<Result>(_ name: AnalysisStep, _ body: () -> Result) -> Result {
      let result = body()
      onStep(name)
      return result
    }

    let states = step(.states) {
      DealState.states(
        of: opportunities, history: history, asOf: asOf, configuration: configuration)
    }
    // The steps that need only the deals' states run on the second core
    // while this one measures rates, the forecast and the range.
    let independent = BackgroundTask {
      IndependentSteps(
        states: states, opportunities: opportunities, history: history, asOf: asOf,
        configuration: configuration, isBuiltFromHistory: input.isBuiltFromHistory)
    }
    let funnels = step(.funnels) {
      Funnel.measure(
        Population.standard, states: states, opportunities: opportunities,
        stageCount: configuration.stageCount)
    }
    let counts = countDeals(states, opportunities: opportunities, asOf: asOf)
    // An export with wins and not one loss has usually lost its lost deals,
    // because Odoo archives them and "active only" exports drop them. A 100 %
    // win rate from it would be wrong, so no rate is measured.
    let lossesMissing = counts.won > 0 && counts.lost == 0
    let winRate = lossesMissing ? nil : funnels[0].stages.first?.winRate
    let probabilities = step(.probabilities) {
      WinProbabilityTable.measure(
        states: states, configuration: configuration, lossesMissing: lossesMissing)
    }
    let horizon = configuration.forecast.horizonMonths
    let forecast = step(.forecast) {
      Forecast.build(
        states: states, opportunities: opportunities, probabilities: probabilities, asOf: asOf,
        horizon: horizon)
    }
    let range = step(.range) {
      ForecastRange.simulate(
        states: states, opportunities: opportunities, probabilities: probabilities,
        forecast: forecast, asOf: asOf, horizon: horizon,
        runs: configuration.forecast.simulations, seed: configuration.forecast.seed)
    }
    let categories = step(.categories) {
      ForecastCategories.measure(
        states: states, opportunities: opportunities, forecast: forecast, asOf: asOf,
        horizon: horizon)
    }
    let salesVelocity = SalesVelocity.measure(
      states: states, opportunities: opportunities, winRate: winRate)
    // The resource plan and the targets need no result of the second core:
    // done here, they fill the time this core would wait for it.
    let targets = step(.targets) {
      checkTargets(
        states: states, opportunities: opportunities, probabilities: probabilities,
        forecast: forecast, asOf: asOf, configuration: configuration, overallWinRate: winRate,
        lossesMissing: lossesMissing)
    }
    let resources = step(.resources) {
      ResourcePlan.plan(
        states: states, opportunities: opportunities, probabilities: probabilities, asOf: asOf,
        horizon: horizon, settings: configuration.resources, stageCount: configuration.stageCount)
    }
    var resourcesWhatIf: ResourcePlan?
    if !configuration.capacityChanges.isEmpty {
      let extra = configuration.resources.roles.map {
        Int(((configuration.capacityChanges[$0.id] ?? 0) * 100).rounded())
      }
      resourcesWhatIf = ResourcePlan.plan(
        states: states, opportunities: opportunities, probabilities: probabilities, asOf: asOf,
        horizon: horizon, settings: configuration.resources, stageCount: configuration.stageCount,
        extraHundredths: extra)
    }

    // Force try: the steps cannot throw.
    // swift-format-ignore: NeverUseForceTry
    let parallel = try! independent.value()
    for done in [AnalysisStep.dimensionFunnels, .velocity, .requiredFields, .audit, .quality] {
      onStep(done)
    }
    let dimensionIndex = parallel.dimensionIndex
    let dimensionFunnels = parallel.dimensionFunnels
    let velocity = parallel.velocity
    let requiredFields = parallel.requiredFields
    let audit = parallel.audit
    let quality = parallel.quality
    let breakdowns = step(.breakdowns) {
      Breakdowns.measure(
        states: states, opportunities: opportunities, probabilities: probabilities,
        index: dimensionIndex)
    }

    let lookback = configuration.forecast.lookbackMonths
    return PipelineAnalysis(
      asOf: asOf,
      windowStart: lookback == 0 ? nil : asOf.subtractingMonths(lookback),
      opportunities: opportunities, states: states, counts: counts, funnels: funnels,
      dimensionFunnels: dimensionFunnels,
      probabilities: probabilities,
      ownerProbabilities: OwnerProbabilityTable.measure(
        states: states, opportunities: opportunities, stageCount: configuration.stageCount),
      forecast: forecast, range: range, resources: resources, resourcesWhatIf: resourcesWhatIf,
      categories: categories,
      velocity: velocity, salesVelocity: salesVelocity, requiredFields: requiredFields,
      breakdowns: breakdowns, targets: targets, audit: audit, quality: quality,
      hasHistoryFile: history != nil, input: input, lossesMissing: lossesMissing)
  }

  private static func checkTargets(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    forecast: Forecast, asOf: Day, configuration: Configuration, overallWinRate: Double?,
    lossesMissing: Bool
  ) -> TargetCheck {
    var check = TargetCheck.check(
      forecast: forecast, targets: configuration.targets, overallWinRate: overallWinRate)
    check.byDimension = TargetCheck.checkDimensions(
      owners: configuration.ownerTargets, regions: configuration.regionTargets, states: states,
      opportunities: opportunities, probabilities: probabilities, forecast: forecast, asOf: asOf,
      horizon: configuration.forecast.horizonMonths, lossesMissing: lossesMissing)
    return check
  }

  private static func countDeals(_ states: [DealState], opportunities: [Opportunity], asOf: Day)
    -> DealCounts
  {
    var counts = DealCounts()
    for state in states {
      let deal = opportunities[state.opportunity]
      switch state.status {
      case .open:
        counts.open += 1
        if deal.status != .open { counts.closedAfterAsOf += 1 }
        if let expected = deal.expectedCloseOn, expected < asOf { counts.overdue += 1 }
      case .won, .lost, .excluded:
        if !state.isInWindow {
          counts.closedBeforeWindow += 1
        } else if state.status == .won {
          counts.won += 1
        } else if state.status == .lost {
          counts.lost += 1
        } else {
          counts.excluded += 1
        }
      case .notCreatedYet: counts.notCreatedYet += 1
      case .closedWithoutDate: counts.closedWithoutDate += 1
      }
      if state.isInPopulation { counts.population += 1 }
    }
    return counts
  }

  fileprivate static func assessQuality(
    _ states: [DealState], opportunities: [Opportunity], history: StageHistory?, asOf: Day
  ) -> DataQuality {
    var quality = DataQuality()
    var newest: Day?
    // Fields are read from the array in place: binding a deal to a constant
    // copied it, with a retain of each of its texts, a million times.
    for state in states {
      if let created = opportunities[state.opportunity].createdOn, created > asOf {
        newest = max(newest ?? created, created)
      }
      if let closed = opportunities[state.opportunity].closedOn, closed > asOf {
        newest = max(newest ?? closed, closed)
      }
      if state.isInPopulation, !state.hasHistory { quality.populationWithoutHistory += 1 }
      if state.isInPopulation, state.isLostAtUnknownStage { quality.lostAtUnknownStage += 1 }
      guard state.status == .open else { continue }
      let deal = opportunities[state.opportunity]
      if deal.amountCents == nil {
        quality.openNotValued += 1
        if case .noExchangeRate(let currency)? = deal.notValuedReason {
          quality.missingRates[currency, default: 0] += 1
        }
      }
      if deal.expectedCloseOn == nil { quality.openWithoutExpectedClose += 1 }
      if state.currentStage < state.furthestStage { quality.openMovedBack += 1 }
      if state.exportStageDisagrees { quality.stageDisagreements.append(state.opportunity) }
    }
    var enteredAfterClose: Set<Int32> = []
    for entry in history?.entries ?? [] {
      if entry.enteredOn > asOf {
        quality.historyRowsAfterAsOf += 1
        newest = max(newest ?? entry.enteredOn, entry.enteredOn)
        continue
      }
      let state = states[Int(entry.opportunity)]
      if state.status == .won || state.status == .lost, entry.hasDate,
        let closed = opportunities[Int(entry.opportunity)].closedOn, entry.enteredOn > closed
      {
        enteredAfterClose.insert(entry.opportunity)
      }
    }
    quality.dealsWithEntriesAfterClose = enteredAfterClose.count
    quality.newestDateAfterAsOf = newest
    return quality
  }
}

/// The analysis steps that need only the deals' states, computed together
/// on the second core.
private struct IndependentSteps: Sendable {
  var dimensionIndex: DimensionIndex
  var dimensionFunnels: [Funnel]
  var velocity: Velocity
  var requiredFields: RequiredFieldsCheck
  var audit: GradeAudit
  var quality: DataQuality

  init(
    states: [DealState], opportunities: [Opportunity], history: StageHistory?, asOf: Day,
    configuration: Configuration, isBuiltFromHistory: Bool
  ) {
    dimensionIndex = DimensionIndex(states: states, opportunities: opportunities)
    dimensionFunnels = Funnel.measureByDimension(
      states: states, opportunities: opportunities, stageCount: configuration.stageCount,
      index: dimensionIndex)
    velocity = Velocity.measure(
      states: states, opportunities: opportunities, history: history, asOf: asOf,
      configuration: configuration)
    // A stage history alone contains no deal fields, so nothing could be filled in.
    requiredFields =
      isBuiltFromHistory
      ? RequiredFieldsCheck(items: [])
      : RequiredFieldsCheck.check(
        states: states, opportunities: opportunities, configuration: configuration)
    audit = GradeAudit.audit(states: states, opportunities: opportunities)
    quality = PipelineAnalysis.assessQuality(
      states, opportunities: opportunities, history: history, asOf: asOf)
  }
}
