/// A deal as it stood on the as-of date.
public struct DealState: Sendable {
  /// The deal's status on the as-of date.
  public enum Status: Sendable, Equatable {
    case open, won, lost, excluded
    /// Created after the as-of date: it did not exist yet.
    case notCreatedYet
    /// Closed, but without a close date: counted, left out of every figure.
    case closedWithoutDate
  }

  /// Index of the deal in the imported opportunity list.
  public var opportunity: Int
  public var status: Status
  /// Closed in the lookback window (or any time, with the lookback switched off).
  public var isInWindow: Bool
  /// Counts in rates: open, or won or lost in the window.
  public var isInPopulation: Bool
  /// Current stage of an open deal (1…N); 0 for others.
  public var currentStage: Int
  /// Highest stage visited (1…N); 0 outside the population and for excluded deals.
  public var furthestStage: Int
  /// Bit k−1 set when the deal visited stage k.
  public var visitedStages: UInt32
  /// Whether the visited stages come from history rows on or before the as-of date.
  public var hasHistory: Bool
  /// A lost deal with neither history nor a lost-at stage: taken to have visited stage 1 only.
  public var isLostAtUnknownStage: Bool
  /// The grade used everywhere: recorded when present, else computed.
  public var grade: Grade
  public var track: Track
  /// The grade that amount and who leads give; nil without an amount for our-company deals.
  public var computedGrade: Grade?
  /// An open deal with history whose export stage is another stage than history's latest.
  public var exportStageDisagrees: Bool

  /// Returns whether the deal visited stage `stage` (1-based).
  public func visited(_ stage: Int) -> Bool {
    visitedStages & (1 << UInt32(stage - 1)) != 0
  }
}

/// The stages one deal entered up to the as-of date, by its history.
struct HistorySummary {
  var visited: UInt32 = 0
  var latestDay = Int32.min
  var latestStage = 0
}

extension DealState {
  /// Builds the state of every deal on `asOf`.
  /// - Complexity: O(deals + history entries).
  static func states(
    of opportunities: [Opportunity], history: StageHistory?, asOf: Day, configuration: Configuration
  ) -> [DealState] {
    let stageCount = configuration.stageCount
    let lookback = configuration.forecast.lookbackMonths
    let windowStart = asOf.subtractingMonths(lookback)
    var summaries = [HistorySummary](repeating: HistorySummary(), count: opportunities.count)

    for entry in history?.entries ?? [] where entry.enteredOn <= asOf {
      let stage = Int(entry.stage)
      let day = entry.enteredOn.daysSinceEpoch
      var summary = summaries[Int(entry.opportunity)]
      summary.visited |= 1 << UInt32(stage - 1)
      // The latest entry gives the current stage; on the same day, the higher stage.
      if day > summary.latestDay || (day == summary.latestDay && stage > summary.latestStage) {
        summary.latestDay = day
        summary.latestStage = stage
      }
      summaries[Int(entry.opportunity)] = summary
    }

    // The track of each grade by rank, looked up once rather than per deal.
    var tracks = [Track](repeating: .full, count: Grade.allCases.count)
    for grade in Grade.allCases { tracks[grade.rank] = configuration.grades.track(of: grade) }
    return opportunities.indices.map { index in
      state(
        of: opportunities[index], at: index, history: summaries[index], asOf: asOf,
        windowStart: lookback == 0 ? nil : windowStart, stageCount: stageCount,
        grades: configuration.grades, tracks: tracks)
    }
  }

  private static func state(
    of deal: Opportunity, at index: Int, history: HistorySummary, asOf: Day, windowStart: Day?,
    stageCount: Int, grades: GradePolicy, tracks: [Track]
  ) -> DealState {
    let computed = grades.computedGrade(amount: deal.amount, ledByPartner: deal.ledByPartner)
    // Without an amount an our-company deal is graded D, the smallest grade.
    let grade = deal.recordedGrade ?? computed ?? .d
    var state = DealState(
      opportunity: index, status: .open, isInWindow: false, isInPopulation: false,
      currentStage: 0, furthestStage: 0, visitedStages: 0, hasHistory: history.visited != 0,
      isLostAtUnknownStage: false, grade: grade, track: tracks[grade.rank],
      computedGrade: computed, exportStageDisagrees: false)

    // 5.0: the status on the as-of date.
    if let created = deal.createdOn, created > asOf {
      state.status = .notCreatedYet
      return state
    }
    switch deal.status {
    case .open:
      state.status = .open
    case .won, .lost, .excluded:
      if let closed = deal.closedOn {
        state.status = closed > asOf ? .open : Status(deal.status)
        state.isInWindow = state.status != .open && (windowStart.map { closed > $0 } ?? true)
      } else if windowStart == nil {
        state.status = Status(deal.status)
        state.isInWindow = true
      } else {
        state.status = .closedWithoutDate
        return state
      }
    }
    state.isInPopulation =
      state.status == .open
      || ((state.status == .won || state.status == .lost) && state.isInWindow)
    guard state.status != .excluded, state.status != .closedWithoutDate else { return state }

    // 5.1: current stage, visited stages and furthest stage.
    if state.status == .open {
      let exportStage = deal.status == .open ? deal.stageIndex : nil
      state.currentStage = state.hasHistory ? history.latestStage : (exportStage ?? 1)
      if state.hasHistory, let exportStage, exportStage != history.latestStage {
        state.exportStageDisagrees = true
      }
    }
    if state.hasHistory {
      var visited = history.visited
      if state.status == .open { visited |= 1 << UInt32(state.currentStage - 1) }
      if state.status == .lost, let lostAt = deal.lostAtStage { visited |= 1 << UInt32(lostAt - 1) }
      if state.status == .won { visited |= 1 << UInt32(stageCount - 1) }
      state.visitedStages = visited
      state.furthestStage = 32 - visited.leadingZeroBitCount
    } else {
      switch state.status {
      case .won: state.furthestStage = stageCount
      case .lost:
        state.furthestStage = deal.lostAtStage ?? 1
        state.isLostAtUnknownStage = deal.lostAtStage == nil
      default: state.furthestStage = state.currentStage
      }
      state.visitedStages = (1 << UInt32(state.furthestStage)) - 1
    }
    return state
  }
}

extension DealState.Status {
  fileprivate init(_ status: DealStatus) {
    switch status {
    case .open: self = .open
    case .won: self = .won
    case .lost: self = .lost
    case .excluded: self = .excluded
    }
  }
}
