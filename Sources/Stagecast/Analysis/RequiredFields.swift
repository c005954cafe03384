/// An open deal that lacks fields its stage requires (必填内容).
public struct MissingFieldsItem: Sendable {
  public var opportunity: Int
  /// Canonical field names that are empty, in stage order.
  public var fields: [String]
}

/// The required-field check: an open deal in stage k must have every
/// required field of stages 1 … k filled.
public struct RequiredFieldsCheck: Sendable {
  public var items: [MissingFieldsItem]

  /// Checks every open deal.
  /// - Complexity: O(open deals × required fields).
  static func check(
    states: [DealState], opportunities: [Opportunity], configuration: Configuration
  ) -> RequiredFieldsCheck {
    // Fields required up to each stage, without repeats, in stage order.
    var requiredUpTo: [[OpportunityField]] = []
    var seen: Set<OpportunityField> = []
    var running: [OpportunityField] = []
    for stage in configuration.stages {
      for name in stage.requiredFields {
        guard let field = OpportunityField(rawValue: name), seen.insert(field).inserted else {
          continue
        }
        running.append(field)
      }
      requiredUpTo.append(running)
    }

    var items: [MissingFieldsItem] = []
    for state in states where state.status == .open && state.currentStage > 0 {
      let deal = opportunities[state.opportunity]
      let missing = requiredUpTo[state.currentStage - 1].filter { deal.isFilled($0) == false }
      if !missing.isEmpty {
        items.append(
          MissingFieldsItem(opportunity: state.opportunity, fields: missing.map(\.rawValue)))
      }
    }
    // Listed by owner, as the meeting goes through them owner by owner.
    items.sort { left, right in
      let a = opportunities[left.opportunity]
      let b = opportunities[right.opportunity]
      return ((a.owner ?? ""), a.id) < ((b.owner ?? ""), b.id)
    }
    return RequiredFieldsCheck(items: items)
  }
}

extension Opportunity {
  /// Whether `field` holds a value; nil for fields the model does not keep
  /// as text (currency, led by, status), which the check then skips.
  func isFilled(_ field: OpportunityField) -> Bool? {
    switch field {
    case .id, .stage: return true
    case .name: return name != nil
    case .account: return account != nil
    case .owner: return ownerLabel != .none
    case .region: return regionLabel != .none
    case .product: return productLabel != .none
    case .industry: return industryLabel != .none
    // An unreadable amount was there but wrong; the reject list names it, so only a blank counts here.
    case .amount: return amountCents != nil || notValuedReason != .missingAmount
    case .grade: return recordedGrade != nil
    case .probability: return ownerProbability != nil
    case .forecastCategory: return forecastCategoryLabel != .none
    case .createdOn: return createdOn != nil
    case .expectedCloseOn: return expectedCloseOn != nil
    case .closedOn: return closedOn != nil
    case .stageEnteredOn: return stageEnteredOn != nil
    case .lostAtStage: return lostAtStage != nil
    case .currency, .status, .ledBy, .active: return nil
    }
  }
}
