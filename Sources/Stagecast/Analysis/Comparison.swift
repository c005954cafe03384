/// One bucket of the pipeline waterfall between two exports.
public enum WaterfallBucket: String, CaseIterable, Sendable {
  case start, new, pulledIn, increased, decreased, pushedOut, won, lost, excluded, end

  /// Whether the bucket is a level (start, end) rather than a movement.
  public var isLevel: Bool { self == .start || self == .end }
}

/// A deal whose expected close moved between the two exports.
public struct SlippedDeal: Sendable {
  public var id: String
  public var owner: String?
  public var previousClose: Day
  public var currentClose: Day
  public var amount: Double
  /// Days the date moved: positive when pushed later.
  public var days: Int { Int(currentClose.daysSinceEpoch - previousClose.daysSinceEpoch) }
}

/// The movements between two exports of the same CRM: the waterfall of the
/// open pipeline due within the horizon, the deals that advanced or moved
/// back a stage, and the deals whose expected close moved.
///
/// The pipeline is the amount of the open deals whose expected close falls on
/// or before the last day of the current export's horizon. Overdue deals are
/// in it because they are due now. Every movement is in whole hundredths, so
/// start plus the movements equals end exactly.
public struct Comparison: Sendable {
  public var previousAsOf: Day
  public var currentAsOf: Day
  /// The last day an expected close may fall on to be in the pipeline.
  public var windowEnd: Day
  /// Amount in hundredths per bucket; movements that lower the pipeline are negative.
  public var hundredths: [WaterfallBucket: Int64]
  /// Deals behind each bucket.
  public var deals: [WaterfallBucket: Int]
  /// Deals open in both exports whose stage went up, and down.
  public var advanced: Int
  public var movedBack: Int
  /// Deals open in both exports whose expected close changed, the furthest moved first.
  public var slipped: [SlippedDeal]

  public func amount(_ bucket: WaterfallBucket) -> Double {
    Double(hundredths[bucket] ?? 0) / 100
  }

  /// Compares two imported exports, each at its own as-of date.
  /// - Complexity: O(deals of both exports).
  public static func compare(
    previous: [Opportunity], previousAsOf: Day, current: [Opportunity], currentAsOf: Day,
    configuration: Configuration
  ) -> Comparison {
    let horizon = configuration.forecast.horizonMonths
    let windowEnd = Day.lastOfMonth(currentAsOf.monthNumber + horizon - 1)
    let previousStates = DealState.states(
      of: previous, history: nil, asOf: previousAsOf, configuration: configuration)
    let currentStates = DealState.states(
      of: current, history: nil, asOf: currentAsOf, configuration: configuration)

    var currentIndex: [String: Int] = [:]
    currentIndex.reserveCapacity(current.count)
    for (position, deal) in current.enumerated() { currentIndex[deal.id] = position }
    // Deals open in the previous export; any other open deal now is new (or reopened).
    var previousOpen = Set<String>()
    previousOpen.reserveCapacity(previous.count)

    var comparison = Comparison(
      previousAsOf: previousAsOf, currentAsOf: currentAsOf, windowEnd: windowEnd, hundredths: [:],
      deals: [:], advanced: 0, movedBack: 0, slipped: [])
    func add(_ bucket: WaterfallBucket, _ amount: Int64) {
      comparison.hundredths[bucket, default: 0] += amount
      comparison.deals[bucket, default: 0] += 1
    }
    func inWindow(_ deal: Opportunity) -> Bool {
      deal.expectedCloseOn.map { $0 <= windowEnd } ?? false
    }

    for (position, before) in previous.enumerated() {
      let state = previousStates[position]
      guard state.status == .open else { continue }
      previousOpen.insert(before.id)
      let wasIn = inWindow(before)
      let beforeAmount = before.amountCents ?? 0
      if wasIn { add(.start, beforeAmount) }

      guard let now = currentIndex[before.id] else {
        // Gone from the export: deleted or archived, out of the pipeline.
        if wasIn { add(.excluded, -beforeAmount) }
        continue
      }
      let after = current[now]
      let afterState = currentStates[now]
      switch afterState.status {
      case .open:
        let isIn = inWindow(after)
        let afterAmount = after.amountCents ?? 0
        if afterState.currentStage > state.currentStage { comparison.advanced += 1 }
        if afterState.currentStage < state.currentStage { comparison.movedBack += 1 }
        if let oldClose = before.expectedCloseOn, let newClose = after.expectedCloseOn,
          oldClose != newClose
        {
          comparison.slipped.append(
            SlippedDeal(
              id: after.id, owner: after.owner, previousClose: oldClose, currentClose: newClose,
              amount: after.amount ?? 0))
        }
        switch (wasIn, isIn) {
        case (true, true):
          if afterAmount > beforeAmount { add(.increased, afterAmount - beforeAmount) }
          if afterAmount < beforeAmount { add(.decreased, afterAmount - beforeAmount) }
        case (true, false):
          add(.pushedOut, -beforeAmount)
        case (false, true):
          add(.pulledIn, beforeAmount)
          if afterAmount > beforeAmount { add(.increased, afterAmount - beforeAmount) }
          if afterAmount < beforeAmount { add(.decreased, afterAmount - beforeAmount) }
        case (false, false):
          break
        }
      case .won: if wasIn { add(.won, -beforeAmount) }
      case .lost: if wasIn { add(.lost, -beforeAmount) }
      default: if wasIn { add(.excluded, -beforeAmount) }
      }
    }

    for (position, after) in current.enumerated() {
      let state = currentStates[position]
      guard state.status == .open, inWindow(after) else { continue }
      add(.end, after.amountCents ?? 0)
      if !previousOpen.contains(after.id) { add(.new, after.amountCents ?? 0) }
    }
    comparison.slipped.sort {
      abs($0.days) != abs($1.days)
        ? abs($0.days) > abs($1.days) : $0.id.precedesByBytes($1.id)
    }
    return comparison
  }
}
