/// Where a win probability comes from.
public enum ProbabilitySource: String, Sendable {
  /// Resolved deals of the population visited the stage.
  case measured
  /// No resolved deal visited the stage: the stage's configured default.
  case configured
}

/// The win probability p̂ of one grade at one stage, with the counts behind it.
public struct WinProbability: Sendable {
  public var grade: Grade
  public var stage: Int
  public var track: Track
  /// Won and resolved deals of the grade that visited the stage.
  public var wonInGrade: Int
  public var resolvedInGrade: Int
  public var wonInTrack: Int
  public var resolvedInTrack: Int
  public var wonOverall: Int
  public var resolvedOverall: Int
  /// p(k): win rate of all deals from the stage, or the configured default.
  public var stageRate: Double
  /// p̃(t, k) = (W(t, k) + m · p(k)) ÷ (R(t, k) + m).
  public var trackRate: Double
  /// p̂(g, k) = (W(g, k) + m · p̃(t, k)) ÷ (R(g, k) + m).
  public var probability: Double
  public var source: ProbabilitySource
}

/// The owners' own probability (销售预估赢率) of the open deals, per grade
/// and current stage, to set beside the measured p̂.
public struct OwnerProbabilityTable: Sendable {
  /// Open deals with an owner's probability, by grade rank and stage.
  public var deals: [[Int]]
  private var sums: [[Double]]

  /// Mean owner's probability of the open deals of `grade` at `stage`; nil without one.
  public func mean(grade: Grade, stage: Int) -> Double? {
    let count = deals[grade.rank][stage - 1]
    return count > 0 ? sums[grade.rank][stage - 1] / Double(count) : nil
  }

  /// Whether any open deal carries the owner's probability.
  public var isEmpty: Bool { deals.allSatisfy { $0.allSatisfy { $0 == 0 } } }

  /// Averages the owners' probabilities of the open deals.
  /// - Complexity: O(deals).
  static func measure(states: [DealState], opportunities: [Opportunity], stageCount: Int)
    -> OwnerProbabilityTable
  {
    var deals = [[Int]](
      repeating: [Int](repeating: 0, count: stageCount), count: Grade.allCases.count)
    var sums = [[Double]](
      repeating: [Double](repeating: 0, count: stageCount), count: Grade.allCases.count)
    for state in states where state.status == .open && state.currentStage > 0 {
      guard let owner = opportunities[state.opportunity].ownerProbability else { continue }
      deals[state.grade.rank][state.currentStage - 1] += 1
      sums[state.grade.rank][state.currentStage - 1] += owner
    }
    return OwnerProbabilityTable(deals: deals, sums: sums)
  }
}

/// p̂ for every grade and stage.
public struct WinProbabilityTable: Sendable {
  /// Entries in grade order, then stage order.
  public var entries: [WinProbability]
  let stageCount: Int

  /// p̂ of `grade` at `stage` (1-based).
  public func probability(grade: Grade, stage: Int) -> Double {
    entries[grade.rank * stageCount + stage - 1].probability
  }

  /// The entry of `grade` at `stage`.
  public func entry(grade: Grade, stage: Int) -> WinProbability {
    entries[grade.rank * stageCount + stage - 1]
  }

  /// Measures W and R over the population and shrinks each grade towards its
  /// track and the track towards all deals, in this operation order:
  /// p = W ÷ R (or the default), p̃ = (W_t + m·p) ÷ (R_t + m), p̂ = (W_g + m·p̃) ÷ (R_g + m).
  /// - Complexity: O(deals × stages).
  /// With `lossesMissing`, no deal counts as resolved and every figure is the configured default.
  static func measure(
    states: [DealState], configuration: Configuration, lossesMissing: Bool = false
  ) -> WinProbabilityTable {
    let stageCount = configuration.stageCount
    let m = configuration.forecast.priorStrength
    var wonByGrade = [[Int]](
      repeating: [Int](repeating: 0, count: stageCount), count: Grade.allCases.count)
    var resolvedByGrade = wonByGrade

    for state in states
    where !lossesMissing && state.isInPopulation && (state.status == .won || state.status == .lost)
    {
      for k in 1...stageCount where state.visited(k) {
        resolvedByGrade[state.grade.rank][k - 1] += 1
        if state.status == .won { wonByGrade[state.grade.rank][k - 1] += 1 }
      }
    }

    var entries: [WinProbability] = []
    for grade in Grade.allCases {
      let track = configuration.grades.track(of: grade)
      let trackGrades = Grade.allCases.filter { configuration.grades.track(of: $0) == track }
      for k in 1...stageCount {
        let wonAll = Grade.allCases.reduce(0) { $0 + wonByGrade[$1.rank][k - 1] }
        let resolvedAll = Grade.allCases.reduce(0) { $0 + resolvedByGrade[$1.rank][k - 1] }
        let wonTrack = trackGrades.reduce(0) { $0 + wonByGrade[$1.rank][k - 1] }
        let resolvedTrack = trackGrades.reduce(0) { $0 + resolvedByGrade[$1.rank][k - 1] }
        let wonGrade = wonByGrade[grade.rank][k - 1]
        let resolvedGrade = resolvedByGrade[grade.rank][k - 1]

        let source: ProbabilitySource = resolvedAll > 0 ? .measured : .configured
        let p =
          resolvedAll > 0
          ? Double(wonAll) / Double(resolvedAll)
          : configuration.stages[k - 1].defaultProbability
        // With m = 0 and nothing resolved the formula is 0 ÷ 0: keep the prior.
        let pTrack =
          resolvedTrack + Int(m.rounded(.up)) > 0
          ? (Double(wonTrack) + m * p) / (Double(resolvedTrack) + m) : p
        let pGrade =
          resolvedGrade + Int(m.rounded(.up)) > 0
          ? (Double(wonGrade) + m * pTrack) / (Double(resolvedGrade) + m) : pTrack
        entries.append(
          WinProbability(
            grade: grade, stage: k, track: track, wonInGrade: wonGrade,
            resolvedInGrade: resolvedGrade,
            wonInTrack: wonTrack, resolvedInTrack: resolvedTrack, wonOverall: wonAll,
            resolvedOverall: resolvedAll, stageRate: p, trackRate: pTrack, probability: pGrade,
            source: source))
      }
    }
    return WinProbabilityTable(entries: entries, stageCount: stageCount)
  }
}
