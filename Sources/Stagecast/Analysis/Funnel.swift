/// A group of deals the rates are measured on.
public enum Population: Hashable, Sendable {
  case all
  case grade(Grade)
  case track(Track)

  /// `all`, `grade:A`, `track:full`: the key used in CSV and JSON.
  public var key: String {
    switch self {
    case .all: return "all"
    case .grade(let grade): return "grade:\(grade.rawValue)"
    case .track(let track): return "track:\(track.rawValue)"
    }
  }

  /// All, then each grade, then each track.
  public static let standard: [Population] =
    [.all] + Grade.allCases.map(Population.grade) + Track.allCases.map(Population.track)

  func contains(_ state: DealState) -> Bool {
    switch self {
    case .all: return true
    case .grade(let grade): return state.grade == grade
    case .track(let track): return state.track == track
    }
  }
}

/// Counts and amounts of one stage of a funnel (DESIGN 5.2).
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

  /// Measures the funnel of `population` over the deals in the rates' population.
  /// - Complexity: O(deals × stages).
  static func measure(
    _ population: Population, states: [DealState], opportunities: [Opportunity], stageCount: Int
  ) -> Funnel {
    var stages = (1...stageCount).map { FunnelStage(stage: $0) }
    for state in states where state.isInPopulation && population.contains(state) {
      let amount = opportunities[state.opportunity].amount ?? 0
      for k in 1...stageCount {
        let visited = state.visited(k)
        var counts = stages[k - 1]
        if visited {
          counts.visited += 1
          counts.visitedAmount += amount
          let advanced = k < stageCount ? state.furthestStage > k : state.status == .won
          if advanced {
            counts.advanced += 1
            counts.advancedAmount += amount
          }
          if state.status == .won {
            counts.won += 1
            counts.wonAmount += amount
          } else if state.status == .lost {
            counts.lost += 1
            counts.lostAmount += amount
          }
        }
        if state.furthestStage >= k {
          counts.reached += 1
          counts.reachedAmount += amount
        }
        if state.status == .open, state.furthestStage == k {
          counts.censored += 1
          counts.censoredAmount += amount
        }
        stages[k - 1] = counts
      }
    }
    return Funnel(population: population, stages: stages)
  }
}
