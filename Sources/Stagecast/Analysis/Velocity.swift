/// Completed times in one stage, and the open deals that sit in it.
public struct StageVelocity: Sendable {
  public var stage: Int
  /// Completed stays: days from entering the stage to entering the next
  /// visited stage, or to the close date when the deal closed from it.
  public var completedStays: Int
  public var medianDays: Double?
  public var p90Days: Double?
  /// The stage's configured maximum, if any.
  public var maximumDays: Int?
}

/// An open deal longer in its stage than the stage allows.
public struct StalledDeal: Sendable {
  public var opportunity: Int
  public var stage: Int
  public var daysInStage: Int
  /// The limit it passed: the configured maximum, or the stage's P90.
  public var limitDays: Int
}

/// Time in stage, age in stage and stalled deals.
public struct Velocity: Sendable {
  public var stages: [StageVelocity]
  public var stalled: [StalledDeal]
  /// Stays needed before a stage's P90 also marks deals stalled.
  public static let minimumStaysForP90 = 20

  /// Measures completed stays from dated history entries on or before the
  /// as-of date, and the age of each open deal in its current stage.
  ///
  /// A stage visited twice gives two stays. Entries without a date (from
  /// time-in-stage columns) give no stay. An open deal's stage entry is its
  /// latest dated entry of its current stage, else the export's
  /// stage-entered date; without either it has no age and cannot stall.
  /// - Complexity: O(entries log entries + deals).
  static func measure(
    states: [DealState], opportunities: [Opportunity], history: StageHistory?, asOf: Day,
    configuration: Configuration
  ) -> Velocity {
    let stageCount = configuration.stageCount
    let entries = (history?.entries ?? []).filter { $0.hasDate && $0.enteredOn <= asOf }
      .sorted {
        ($0.opportunity, $0.enteredOn.daysSinceEpoch, $0.stage) < (
          $1.opportunity, $1.enteredOn.daysSinceEpoch, $1.stage
        )
      }

    var stays = [[Int]](repeating: [], count: stageCount)
    var currentEntry: [Int: Day] = [:]
    var start = 0
    while start < entries.count {
      var end = start
      while end < entries.count, entries[end].opportunity == entries[start].opportunity { end += 1 }
      let deal = Int(entries[start].opportunity)
      let state = states[deal]

      for position in start..<end {
        let entry = entries[position]
        let stage = Int(entry.stage)
        if position + 1 < end {
          // Several entries on one day: only the last of them is a stay.
          let next = entries[position + 1]
          if next.stage != entry.stage || next.enteredOn != entry.enteredOn {
            stays[stage - 1].append(
              Int(next.enteredOn.daysSinceEpoch - entry.enteredOn.daysSinceEpoch))
          }
        } else if state.status == .won || state.status == .lost,
          let closed = opportunities[deal].closedOn, closed >= entry.enteredOn
        {
          stays[stage - 1].append(Int(closed.daysSinceEpoch - entry.enteredOn.daysSinceEpoch))
        }
        if state.status == .open, stage == state.currentStage {
          currentEntry[deal] = entry.enteredOn
        }
      }
      start = end
    }

    var velocity: [StageVelocity] = []
    for (index, durations) in stays.enumerated() {
      let sorted = durations.sorted()
      velocity.append(
        StageVelocity(
          stage: index + 1, completedStays: sorted.count, medianDays: median(sorted),
          p90Days: nearestRank(sorted, 90), maximumDays: configuration.stages[index].maxDaysInStage)
      )
    }

    var stalled: [StalledDeal] = []
    for state in states where state.status == .open && state.currentStage > 0 {
      let deal = opportunities[state.opportunity]
      guard let entered = currentEntry[state.opportunity] ?? deal.stageEnteredOn, entered <= asOf
      else {
        continue
      }
      let age = Int(asOf.daysSinceEpoch - entered.daysSinceEpoch)
      let stage = velocity[state.currentStage - 1]
      var limits: [Int] = []
      if let maximum = stage.maximumDays { limits.append(maximum) }
      if stage.completedStays >= minimumStaysForP90, let p90 = stage.p90Days {
        limits.append(Int(p90))
      }
      // The tighter limit decides; the report shows which one was passed.
      guard let limit = limits.min(), age > limit else { continue }
      stalled.append(
        StalledDeal(
          opportunity: state.opportunity, stage: state.currentStage, daysInStage: age,
          limitDays: limit))
    }
    // Longest in stage first; equal ages in id order.
    stalled.sort { left, right in
      if left.daysInStage != right.daysInStage { return left.daysInStage > right.daysInStage }
      return opportunities[left.opportunity].id < opportunities[right.opportunity].id
    }
    return Velocity(stages: velocity, stalled: stalled)
  }

  private static func median(_ sorted: [Int]) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1
      ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The value at 1-based rank ⌈q · n / 100⌉, the rule the range uses.
  private static func nearestRank(_ sorted: [Int], _ q: Int) -> Double? {
    guard !sorted.isEmpty else { return nil }
    return Double(sorted[max(0, (q * sorted.count + 99) / 100 - 1)])
  }
}
