/// One role in one month of the horizon: demand, capacity and what was funded.
public struct RoleMonth: Sendable {
  public var role: Int
  /// Month number; nil for the `later` line, which has demand and no capacity.
  public var month: Int?
  /// Hours in hundredths, so that every sum and comparison is exact.
  public var demandHundredths = 0
  /// Deals with a share of the role's hours in the month.
  public var deals = 0
  public var capacityHundredths: Int?
  public var fundedHundredths = 0
  public var fundedDeals = 0

  public var demand: Double { Double(demandHundredths) / 100 }
  public var capacity: Double? { capacityHundredths.map { Double($0) / 100 } }
  public var funded: Double { Double(fundedHundredths) / 100 }
  public var unfunded: Double { Double(demandHundredths - fundedHundredths) / 100 }
  public var unfundedDeals: Int { deals - fundedDeals }
  /// Demand ÷ capacity; nil without capacity or for `later`.
  public var utilization: Double? {
    guard let capacityHundredths, capacityHundredths > 0, month != nil else { return nil }
    return Double(demandHundredths) / Double(capacityHundredths)
  }
  public var isOverCapacity: Bool { capacityHundredths.map { demandHundredths > $0 } ?? false }
}

/// An open deal's claim on the team.
public struct ResourceDeal: Sendable {
  public var opportunity: Int
  public var expectedValue: Double
  /// Remaining effort of every role, in hundredths of an hour.
  public var effortHundredths: Int
  /// Expected value per remaining hour.
  public var valuePerHour: Double
  /// 1 for the first deal funded.
  public var priority: Int
  /// Role-months of the horizon where the deal's share was not funded.
  public var unfundedRoleMonths = 0
  public var unfundedHundredths = 0
  /// The first role-month that ran short for it: role position and month number.
  public var firstShortfall: (role: Int, month: Int)?
  /// Whether any of the deal's shares went unfunded.
  public var isUnfunded: Bool { unfundedRoleMonths > 0 }
}

/// Demand, capacity and funding per role and month, and the deals left unfunded.
public struct ResourcePlan: Sendable {
  public var roles: [Role]
  /// For each role, the horizon's months, then `later` and the total (month nil, both).
  public var months: [[RoleMonth]]
  /// Every open deal with remaining effort, in priority order.
  public var deals: [ResourceDeal]
  public var funding: FundingPolicy
  public var isDefault: Bool
  /// A and B deals, the ones the method staffs first, with an unfunded share.
  public var unfundedTopGradeDeals = 0
  /// Fast- and partner-track deals sitting in a middle stage, the full
  /// method's work their track should skip, and the hours they still need.
  public var offTrackDeals = 0
  public var offTrackHundredths = 0
  /// Role-months under half used while another role is over capacity in that month.
  public var idleRoleMonths: [(role: Int, month: Int, utilization: Double)] = []

  /// Deals with a role-month that was not funded, in id order.
  public func unfundedDeals(_ opportunities: [Opportunity]) -> [ResourceDeal] {
    deals.filter(\.isUnfunded).sorted {
      opportunities[$0.opportunity].id.precedesByBytes(opportunities[$1.opportunity].id)
    }
  }

  /// Expected value of the deals whose every share was funded.
  public var fundedExpectedValue: Double {
    deals.reduce(0) { $0 + ($1.isUnfunded ? 0 : $1.expectedValue) }
  }

  /// Expected value of the deals with an unfunded share: at risk.
  public var expectedValueAtRisk: Double {
    deals.reduce(0) { $0 + ($1.isUnfunded ? $1.expectedValue : 0) }
  }

  /// Role-months of the horizon over capacity.
  public var overCapacityRoleMonths: Int {
    months.reduce(0) { $0 + $1.filter { $0.month != nil && $0.isOverCapacity }.count }
  }

  /// Plans the team's hours against the open deals.
  ///
  /// Each open deal with an expected close date needs the hours of the
  /// stages it has left on its track, its current stage in full. On the full
  /// track that is every stage from the current one on, on the others the
  /// current stage and the last. The hours are spread evenly, in hundredths, over the
  /// months from the as-of month to the month of expected close, the
  /// remainder to the earliest months. An overdue deal's hours fall in the
  /// as-of month, and months past the horizon go to `later`. Where a
  /// role-month's demand exceeds capacity, deals are taken in priority
  /// order and each share is funded whole if it fits in what is left.
  /// - Complexity: O(deals × roles × months + deals log deals).
  static func plan(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    asOf: Day, horizon: Int, settings: ResourceSettings, stageCount: Int,
    extraHundredths: [Int] = []
  ) -> ResourcePlan {
    let roleCount = settings.roles.count
    let asOfMonth = asOf.monthNumber
    let openDeals = states.reduce(0) { $0 + ($1.status == .open ? 1 : 0) }

    // Remaining need and its spread, per deal.
    var deals: [ResourceDeal] = []
    var needs: [[Int]] = []
    var monthCounts: [Int] = []
    for state in states where state.status == .open && state.currentStage > 0 {
      let deal = opportunities[state.opportunity]
      guard let expectedClose = deal.expectedCloseOn else { continue }
      let stages =
        state.track == .full
        ? Array(state.currentStage...stageCount)
        : Array(Set([state.currentStage, stageCount])).sorted()
      var need = [Int](repeating: 0, count: roleCount)
      for stage in stages {
        for role in 0..<roleCount {
          need[role] += settings.effortHundredths[state.grade.rank][stage - 1][role]
        }
      }
      let total = need.reduce(0, +)
      guard total > 0 else { continue }
      let expectedValue =
        (deal.amount ?? 0)
        * probabilities.probability(grade: state.grade, stage: state.currentStage)
      deals.append(
        ResourceDeal(
          opportunity: state.opportunity, expectedValue: expectedValue, effortHundredths: total,
          valuePerHour: expectedValue / (Double(total) / 100), priority: 0))
      needs.append(need)
      monthCounts.append(expectedClose < asOf ? 1 : expectedClose.monthNumber - asOfMonth + 1)
    }

    // Priority: grade first (unless valuing hours alone), then value per hour, then id.
    // The keys are read once: a comparison that copied two deals and two
    // states showed in profiles at sixty thousand deals.
    let gradeRanks = deals.map {
      settings.funding == .gradeThenValue ? states[$0.opportunity].grade.rank : 0
    }
    let valuesPerHour = deals.map(\.valuePerHour)
    var order = Array(deals.indices)
    order.sort { left, right in
      if gradeRanks[left] != gradeRanks[right] { return gradeRanks[left] < gradeRanks[right] }
      if valuesPerHour[left] != valuesPerHour[right] {
        return valuesPerHour[left] > valuesPerHour[right]
      }
      return opportunities[deals[left].opportunity].id.precedesByBytes(
        opportunities[deals[right].opportunity].id)
    }
    for (rank, index) in order.enumerated() { deals[index].priority = rank + 1 }

    // Share of month i of n: need div n, one hundredth more in the first need mod n months.
    func share(_ deal: Int, _ role: Int, _ month: Int) -> Int {
      let n = monthCounts[deal]
      guard month < n else { return 0 }
      let need = needs[deal][role]
      return need / n + (month < need % n ? 1 : 0)
    }

    var months: [[RoleMonth]] = []
    for (role, settingsRole) in settings.roles.enumerated() {
      let configured =
        settingsRole.hoursPerMonth.map { Int(($0 * 100).rounded()) }
        ?? settingsRole.hoursPer1000OpenDeals.map { ((Int($0) * openDeals + 500) / 1000) * 100 }
        ?? 0
      let extra = role < extraHundredths.count ? extraHundredths[role] : 0
      var roleMonths: [RoleMonth] = []
      for month in 0..<horizon {
        // A month of its own (holidays, a hire) overrides the usual hours.
        let monthHours = settingsRole.hoursByMonth[asOfMonth + month].map {
          Int(($0 * 100).rounded())
        }
        let capacity = (monthHours ?? configured) + extra
        var line = RoleMonth(role: role, month: asOfMonth + month, capacityHundredths: capacity)
        for deal in deals.indices {
          let hours = share(deal, role, month)
          guard hours > 0 else { continue }
          line.demandHundredths += hours
          line.deals += 1
        }
        if line.demandHundredths <= capacity {
          line.fundedHundredths = line.demandHundredths
          line.fundedDeals = line.deals
        } else {
          var left = capacity
          for index in order {
            let hours = share(index, role, month)
            guard hours > 0 else { continue }
            if hours <= left {
              left -= hours
              line.fundedHundredths += hours
              line.fundedDeals += 1
            } else {
              deals[index].unfundedRoleMonths += 1
              deals[index].unfundedHundredths += hours
              let shortfall = (role, asOfMonth + month)
              if let first = deals[index].firstShortfall {
                if (shortfall.1, shortfall.0) < (first.month, first.role) {
                  deals[index].firstShortfall = shortfall
                }
              } else {
                deals[index].firstShortfall = shortfall
              }
            }
          }
        }
        roleMonths.append(line)
      }
      var later = RoleMonth(role: role, month: nil)
      var total = RoleMonth(role: role, month: nil)
      for deal in deals.indices {
        let need = needs[deal][role]
        let inHorizon = (0..<horizon).reduce(0) { $0 + share(deal, role, $1) }
        if need - inHorizon > 0 {
          later.demandHundredths += need - inHorizon
          later.deals += 1
        }
        if need > 0 {
          total.demandHundredths += need
          total.deals += 1
        }
      }
      months.append(roleMonths + [later, total])
    }

    deals = order.map { deals[$0] }
    var plan = ResourcePlan(
      roles: settings.roles, months: months, deals: deals, funding: settings.funding,
      isDefault: settings.isDefault)

    // What the method cares about: the best deals short of people, fast-track
    // deals doing full-track work, and roles idle while others are short.
    for deal in deals {
      let state = states[deal.opportunity]
      if deal.isUnfunded, state.grade == .a || state.grade == .b { plan.unfundedTopGradeDeals += 1 }
      if state.track != .full, state.currentStage > 1, state.currentStage < stageCount {
        plan.offTrackDeals += 1
        plan.offTrackHundredths += deal.effortHundredths
      }
    }
    for month in 0..<horizon where months.contains(where: { $0[month].isOverCapacity }) {
      for (role, lines) in months.enumerated() {
        guard let utilization = lines[month].utilization, utilization < 0.5 else { continue }
        plan.idleRoleMonths.append((role, asOfMonth + month, utilization))
      }
    }
    return plan
  }
}
