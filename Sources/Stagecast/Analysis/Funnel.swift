/// A group of deals the rates are measured on.
public enum Population: Hashable, Sendable {
  case all
  case grade(Grade)
  case track(Track)
  /// The deals of one owner, region or product; nil for those with the column empty.
  case dimension(BreakdownDimension, String?)

  /// `all`, `grade:A`, `track:full`: the key used in CSV and JSON.
  public var key: String {
    switch self {
    case .all: return "all"
    case .grade(let grade): return "grade:\(grade.rawValue)"
    case .track(let track): return "track:\(track.rawValue)"
    case .dimension(let dimension, let value): return "\(dimension.rawValue):\(value ?? "")"
    }
  }

  /// All, then each grade, then each track.
  public static let standard: [Population] =
    [.all] + Grade.allCases.map(Population.grade) + Track.allCases.map(Population.track)

}

/// Counts and amounts of one stage of a funnel.
public struct FunnelStage: Sendable {
  public var stage: Int
  /// Deals that entered the stage itself (进入).
  public var visited = 0
  /// Deals whose furthest stage is this one or later (到达).
  public var reached = 0
  /// Deals that visited the stage and got further (at the last stage: won).
  public var advanced = 0
  /// Open deals whose furthest stage is this one: their outcome is not known yet.
  public var censored = 0
  /// Won deals that visited the stage.
  public var won = 0
  /// Lost deals that visited the stage.
  public var lost = 0
  public var visitedAmount = 0.0
  public var reachedAmount = 0.0
  public var advancedAmount = 0.0
  public var censoredAmount = 0.0
  public var wonAmount = 0.0
  public var lostAmount = 0.0

  /// Deals whose advance is decided: visited − censored.
  public var advanceBase: Int { visited - censored }

  /// Advance rate a(k) = advanced ÷ (visited − censored); nil for an empty denominator.
  public var advanceRate: Double? {
    advanceBase > 0 ? Double(advanced) / Double(advanceBase) : nil
  }

  /// Win rate p(k) = won ÷ (won + lost) among deals that visited the stage.
  public var winRate: Double? {
    won + lost > 0 ? Double(won) / Double(won + lost) : nil
  }

  /// Advance rate weighted by amount.
  public var advanceRateByAmount: Double? {
    let base = visitedAmount - censoredAmount
    return base > 0 ? advancedAmount / base : nil
  }

  /// Win rate weighted by amount.
  public var winRateByAmount: Double? {
    wonAmount + lostAmount > 0 ? wonAmount / (wonAmount + lostAmount) : nil
  }
}

/// The funnel of one population: one entry per configured stage.
public struct Funnel: Sendable {
  public var population: Population
  public var stages: [FunnelStage]

  /// Measures the funnels of every population in `populations` in one pass
  /// over the deals: each deal counts in all, its grade and its track.
  /// - Complexity: O(deals × stages).
  /// Measures the funnel of every owner, region and product, in dimension
  /// order and then by value, deals with the column empty first.
  /// - Complexity: O(deals × dimensions × stages + values log values).
  static func measureByDimension(
    states: [DealState], opportunities: [Opportunity], stageCount: Int, index: DimensionIndex
  ) -> [Funnel] {
    var funnels: [Funnel] = []
    for (position, dimension) in BreakdownDimension.allCases.enumerated() {
      var local = index.values[position].map { value in
        Funnel(
          population: .dimension(dimension, value),
          stages: (1...stageCount).map { FunnelStage(stage: $0) })
      }
      for state in states where state.isInPopulation {
        let number = Int(index.numbers[position][state.opportunity])
        local[number].add(
          state, amount: opportunities[state.opportunity].amount ?? 0, stageCount: stageCount)
      }
      funnels += local.sorted { left, right in
        guard case .dimension(_, let a) = left.population,
          case .dimension(_, let b) = right.population
        else { return false }
        return (a ?? "").precedesByBytes(b ?? "")
      }
    }
    return funnels
  }

  /// Counts one deal of the population at every stage it touched.
  private mutating func add(_ state: DealState, amount: Double, stageCount: Int) {
    for k in 1...stageCount {
      let part = StagePart(state, stage: k, stageCount: stageCount)
      guard part.counts else { continue }
      stages[k - 1].count(part, amount: amount, status: state.status)
    }
  }

  static func measure(
    _ populations: [Population], states: [DealState], opportunities: [Opportunity], stageCount: Int
  ) -> [Funnel] {
    var funnels = populations.map {
      Funnel(population: $0, stages: (1...stageCount).map { FunnelStage(stage: $0) })
    }
    var positionOf: [Population: Int] = [:]
    for (position, population) in populations.enumerated() { positionOf[population] = position }
    // Positions by grade rank and track, -1 for a population not asked
    // for: a dictionary lookup and an array per deal showed in profiles.
    var gradePosition = [Int](repeating: -1, count: Grade.allCases.count)
    for grade in Grade.allCases { gradePosition[grade.rank] = positionOf[.grade(grade)] ?? -1 }
    let trackPosition = Track.allCases.map { positionOf[.track($0)] ?? -1 }
    let allPosition = positionOf[.all] ?? -1

    for state in states where state.isInPopulation {
      let amount = opportunities[state.opportunity].amount ?? 0
      let trackIndex = Track.allCases.firstIndex(of: state.track) ?? 0
      let gradeTarget = gradePosition[state.grade.rank]
      let trackTarget = trackPosition[trackIndex]
      for k in 1...stageCount {
        let part = StagePart(state, stage: k, stageCount: stageCount)
        guard part.counts else { continue }
        func count(into position: Int) {
          guard position >= 0 else { return }
          funnels[position].stages[k - 1].count(part, amount: amount, status: state.status)
        }
        count(into: allPosition)
        count(into: gradeTarget)
        count(into: trackTarget)
      }
    }
    return funnels
  }
}

/// One deal's part in one stage of the funnel.
private struct StagePart {
  var visited: Bool
  var advanced: Bool
  var reached: Bool
  var censored: Bool

  /// Whether the deal counts at this stage at all.
  var counts: Bool { visited || reached || censored }

  @inline(__always)
  init(_ state: DealState, stage k: Int, stageCount: Int) {
    visited = state.visited(k)
    advanced = visited && (k < stageCount ? state.furthestStage > k : state.status == .won)
    reached = state.furthestStage >= k
    censored = state.status == .open && state.furthestStage == k
  }
}

extension FunnelStage {
  /// Adds one deal's part in this stage.
  fileprivate mutating func count(_ part: StagePart, amount: Double, status: DealState.Status) {
    let (visited, advanced, reached, censored) = (
      part.visited, part.advanced, part.reached, part.censored
    )
    if visited {
      self.visited += 1
      visitedAmount += amount
      if advanced {
        self.advanced += 1
        advancedAmount += amount
      }
      if status == .won {
        won += 1
        wonAmount += amount
      } else if status == .lost {
        lost += 1
        lostAmount += amount
      }
    }
    if reached {
      self.reached += 1
      reachedAmount += amount
    }
    if censored {
      self.censored += 1
      censoredAmount += amount
    }
  }

}
