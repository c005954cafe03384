/// The pipeline, the forecast and the win rate on one archived date.
public struct TrendPoint: Sendable {
  public var asOf: Day
  public var openDeals: Int
  /// Amount of the open deals.
  public var pipeline: Double
  /// Σ amount × p̂ of the open deals, with p̂ measured on that date.
  public var expected: Double
  /// Won ÷ resolved from the first stage on that date; nil without a resolved deal.
  public var winRate: Double?

  /// Measures one archived export as of its date.
  /// - Complexity: O(deals × stages).
  public static func measure(
    _ opportunities: [Opportunity], asOf: Day, configuration: Configuration
  )
    -> TrendPoint
  {
    let states = DealState.states(
      of: opportunities, history: nil, asOf: asOf, configuration: configuration)
    let funnel = Funnel.measure(
      [.all], states: states, opportunities: opportunities, stageCount: configuration.stageCount)[0]
    let won = funnel.stages.first?.won ?? 0
    let lost = funnel.stages.first?.lost ?? 0
    let probabilities = WinProbabilityTable.measure(
      states: states, configuration: configuration, lossesMissing: won > 0 && lost == 0)
    let forecast = Forecast.build(
      states: states, opportunities: opportunities, probabilities: probabilities, asOf: asOf,
      horizon: configuration.forecast.horizonMonths)
    let open = forecast.openTotal
    return TrendPoint(
      asOf: asOf, openDeals: open.openDeals, pipeline: open.pipeline, expected: open.expected,
      winRate: won > 0 && lost == 0 ? nil : funnel.stages.first?.winRate)
  }
}
