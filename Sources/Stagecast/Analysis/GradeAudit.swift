/// What the grade audit found about one deal.
public enum GradeFinding: String, Sendable {
  /// Recorded better than computed: allowed (手动升级), listed.
  case upgrade
  /// Recorded worse than computed: a big deal escaping the full process.
  case downgrade
  /// Partner-led but not E, or E but led by our company.
  case partnerMismatch
  /// A full-track deal that did not visit every stage up to its furthest one.
  case skippedStage
}

/// A deal the audit lists.
public struct GradeAuditItem: Sendable {
  public var opportunity: Int
  public var finding: GradeFinding
  public var recorded: Grade?
  public var computed: Grade?
  /// Stages not visited below the furthest one (for `skippedStage`).
  public var skippedStages: [Int]
}

/// The grade audit over the rates' population.
public struct GradeAudit: Sendable {
  public var items: [GradeAuditItem]
  /// Deals in the population whose grade was computed because none was recorded.
  public var computedGrades: Int

  /// Number of items with `finding`.
  public func count(_ finding: GradeFinding) -> Int {
    items.reduce(0) { $0 + ($1.finding == finding ? 1 : 0) }
  }

  /// Audits every deal in the population.
  /// - Complexity: O(deals × stages).
  static func audit(states: [DealState], opportunities: [Opportunity]) -> GradeAudit {
    var items: [GradeAuditItem] = []
    var computedGrades = 0

    for state in states where state.isInPopulation {
      let deal = opportunities[state.opportunity]
      guard let recorded = deal.recordedGrade else {
        computedGrades += 1
        if state.track == .full { appendSkip(state, into: &items) }
        continue
      }

      if !deal.ledByPartner, recorded != .e, let computed = state.computedGrade {
        if recorded < computed {
          items.append(
            GradeAuditItem(
              opportunity: state.opportunity, finding: .upgrade, recorded: recorded,
              computed: computed,
              skippedStages: []))
        } else if recorded > computed {
          items.append(
            GradeAuditItem(
              opportunity: state.opportunity, finding: .downgrade, recorded: recorded,
              computed: computed, skippedStages: []))
        }
      }
      if deal.ledByPartner != (recorded == .e) {
        items.append(
          GradeAuditItem(
            opportunity: state.opportunity, finding: .partnerMismatch, recorded: recorded,
            computed: state.computedGrade, skippedStages: []))
      }
      if state.track == .full { appendSkip(state, into: &items) }
    }
    // Listed by owner, then id, as each owner goes through their own deals.
    // The keys are read once: a comparison that copied two whole deals cost
    // more than the rest of the audit.
    let keyed = items.map { item in
      (
        owner: opportunities[item.opportunity].owner ?? "", id: opportunities[item.opportunity].id,
        finding: item.finding.rawValue, item: item
      )
    }
    let sorted = keyed.sorted { left, right in
      (left.owner, left.id, left.finding) < (right.owner, right.id, right.finding)
    }
    return GradeAudit(items: sorted.map(\.item), computedGrades: computedGrades)
  }

  private static func appendSkip(_ state: DealState, into items: inout [GradeAuditItem]) {
    guard state.hasHistory, state.furthestStage > 0 else { return }
    let skipped = (1..<state.furthestStage).filter { !state.visited($0) }
    guard !skipped.isEmpty else { return }
    items.append(
      GradeAuditItem(
        opportunity: state.opportunity, finding: .skippedStage, recorded: nil, computed: nil,
        skippedStages: skipped))
  }
}
