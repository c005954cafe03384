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
  /// The same figures per grade, from the stays of that grade's deals.
  public var byGrade: [Grade: GradeStays] = [:]
}

/// Completed stays of one grade's deals in one stage.
public struct GradeStays: Sendable {
  public var completedStays: Int
  public var medianDays: Double?
  public var p90Days: Double?
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
    let entries = entriesByDeal(
      (history?.entries ?? []).filter { $0.hasDate && $0.enteredOn <= asOf },
      dealCount: opportunities.count)

    var stays = [StayLengths](repeating: StayLengths(), count: stageCount)
    // By stage, then grade rank: an array, not a dictionary, on the per-entry path.
    var gradeStays = [[StayLengths]](
      repeating: [StayLengths](repeating: StayLengths(), count: Grade.allCases.count),
      count: stageCount)
    // The day each open deal entered its current stage, by deal position.
    var currentEntry = [Day?](repeating: nil, count: opportunities.count)
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
            let days = Int(next.enteredOn.daysSinceEpoch - entry.enteredOn.daysSinceEpoch)
            stays[stage - 1].add(days)
            gradeStays[stage - 1][state.grade.rank].add(days)
          }
        } else if state.status == .won || state.status == .lost,
          let closed = opportunities[deal].closedOn, closed >= entry.enteredOn
        {
          let days = Int(closed.daysSinceEpoch - entry.enteredOn.daysSinceEpoch)
          stays[stage - 1].add(days)
          gradeStays[stage - 1][state.grade.rank].add(days)
        }
        if state.status == .open, stage == state.currentStage {
          currentEntry[deal] = entry.enteredOn
        }
      }
      start = end
    }

    var velocity: [StageVelocity] = []
    for (index, durations) in stays.enumerated() {
      let (median, p90) = durations.medianAndP90()
      var stage = StageVelocity(
        stage: index + 1, completedStays: durations.count, medianDays: median,
        p90Days: p90, maximumDays: configuration.stages[index].maxDaysInStage)
      for grade in Grade.allCases where gradeStays[index][grade.rank].count > 0 {
        let days = gradeStays[index][grade.rank]
        let (median, p90) = days.medianAndP90()
        stage.byGrade[grade] = GradeStays(
          completedStays: days.count, medianDays: median, p90Days: p90)
      }
      velocity.append(stage)
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

  /// Orders the entries by deal, then day, then stage.
  ///
  /// A counting pass groups them by deal, and each deal's handful of
  /// entries is sorted on its own. One comparison sort of three million
  /// entries took most of this step.
  /// - Complexity: O(entries + deals), each deal's entries sorted apart.
  static func entriesByDeal(_ entries: [StageEntry], dealCount: Int) -> [StageEntry] {
    var starts = [Int](repeating: 0, count: dealCount + 1)
    for entry in entries { starts[Int(entry.opportunity) + 1] += 1 }
    for deal in 0..<dealCount { starts[deal + 1] += starts[deal] }

    var next = starts
    var grouped = entries
    for entry in entries {
      let deal = Int(entry.opportunity)
      grouped[next[deal]] = entry
      next[deal] += 1
    }
    for deal in 0..<dealCount where starts[deal + 1] - starts[deal] > 1 {
      grouped[starts[deal]..<starts[deal + 1]].sort {
        ($0.enteredOn.daysSinceEpoch, $0.stage) < ($1.enteredOn.daysSinceEpoch, $1.stage)
      }
    }
    return grouped
  }

}

/// Stay lengths in whole days, counted by value.
///
/// The step needs only each list's median and 90th percentile, and counting
/// three million stays took a fraction of the time sorting them did.
struct StayLengths {
  /// Stays of 0 up to `countedLimit` days, counted by length.
  private var counts: [Int] = []
  /// Stays outside that span (a date typed decades off), kept as they are.
  private var outliers: [Int] = []
  private(set) var count = 0
  /// Beyond this a count per day would waste memory on an empty span.
  static let countedLimit = 100_000

  mutating func add(_ days: Int) {
    count += 1
    guard days >= 0, days < Self.countedLimit else {
      outliers.append(days)
      return
    }
    if days >= counts.count { counts += repeatElement(0, count: days - counts.count + 1) }
    counts[days] += 1
  }

  /// Returns the median and the 90th percentile, both nil without stays.
  ///
  /// The median of an even count is the mean of the two middle stays. The
  /// percentile is the stay at 1-based rank ⌈90 · n / 100⌉, the rule the range uses.
  func medianAndP90() -> (median: Double?, p90: Double?) {
    guard count > 0 else { return (nil, nil) }
    let middle = count / 2
    let median =
      count % 2 == 1
      ? Double(value(atRank: middle))
      : Double(value(atRank: middle - 1) + value(atRank: middle)) / 2
    return (median, Double(value(atRank: max(0, (90 * count + 99) / 100 - 1))))
  }

  /// Returns the stay at 0-based position `rank` of the sorted stays.
  func value(atRank rank: Int) -> Int {
    let sortedOutliers = outliers.sorted()
    let below = sortedOutliers.prefix { $0 < 0 }
    if rank < below.count { return below[rank] }
    var remaining = rank - below.count
    for (days, number) in counts.enumerated() where number > 0 {
      if remaining < number { return days }
      remaining -= number
    }
    return sortedOutliers[below.count + remaining]
  }
}

/// Sales velocity: the value the pipeline turns into per day.
///
/// The usual formula is open deals × average won deal × win rate ÷ average
/// sales cycle. It moves when any of the four does, so a team sees which lever changed.
public struct SalesVelocity: Sendable {
  public var openDeals: Int
  /// Mean amount of the valued deals won in the lookback window.
  public var averageWonAmount: Double?
  /// Won ÷ resolved from the first stage over the population; nil without a measured rate.
  public var winRate: Double?
  /// Mean days from creation to close of the won deals in the window that have both dates.
  public var averageCycleDays: Double?
  /// Won deals whose cycle was measured.
  public var cycleDeals: Int

  /// Value per day; nil when a part is missing or the cycle is 0 days.
  public var perDay: Double? {
    guard let averageWonAmount, let winRate, let averageCycleDays, averageCycleDays > 0 else {
      return nil
    }
    return Double(openDeals) * averageWonAmount * winRate / averageCycleDays
  }

  /// Value per 30 days, the unit a monthly meeting reads.
  public var perMonth: Double? { perDay.map { $0 * 30 } }

  /// Measures the four parts over the rates' population.
  /// - Complexity: O(deals).
  static func measure(states: [DealState], opportunities: [Opportunity], winRate: Double?)
    -> SalesVelocity
  {
    var openDeals = 0
    var wonAmount = 0.0
    var valuedWins = 0
    var cycleDays = 0
    var cycleDeals = 0
    for state in states where state.isInPopulation {
      if state.status == .open { openDeals += 1 }
      guard state.status == .won else { continue }
      let deal = opportunities[state.opportunity]
      if let amount = deal.amount {
        wonAmount += amount
        valuedWins += 1
      }
      if let created = deal.createdOn, let closed = deal.closedOn, closed >= created {
        cycleDays += Int(closed.daysSinceEpoch - created.daysSinceEpoch)
        cycleDeals += 1
      }
    }
    return SalesVelocity(
      openDeals: openDeals,
      averageWonAmount: valuedWins > 0 ? wonAmount / Double(valuedWins) : nil,
      winRate: winRate,
      averageCycleDays: cycleDeals > 0 ? Double(cycleDays) / Double(cycleDeals) : nil,
      cycleDeals: cycleDeals)
  }
}
