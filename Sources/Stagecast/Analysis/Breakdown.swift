/// A text dimension the figures are broken down by.
public enum BreakdownDimension: String, CaseIterable, Sendable {
  case owner, region, product

  func value(of deal: borrowing Opportunity) -> String? {
    switch self {
    case .owner: return deal.owner
    case .region: return deal.region
    case .product: return deal.product
    }
  }
}

/// Figures of one owner, region or product.
public struct BreakdownRow: Sendable {
  public var dimension: BreakdownDimension
  /// The value, or nil for deals where the column is empty.
  public var value: String?
  public var openDeals = 0
  public var pipeline = 0.0
  public var expected = 0.0
  /// Won and lost deals in the rates' population.
  public var won = 0
  public var lost = 0
  public var wonAmount = 0.0

  /// Won ÷ (won + lost); nil without a resolved deal.
  public var winRate: Double? {
    won + lost > 0 ? Double(won) / Double(won + lost) : nil
  }
}

/// The open pipeline and the win rate by owner, region and product, with
/// the counts behind each rate so a reader sees when a rate rests on five deals.
public struct Breakdowns: Sendable {
  /// Rows per dimension, largest pipeline first, then by value.
  public var rows: [BreakdownDimension: [BreakdownRow]]

  /// Measures every dimension in one pass over the deals.
  /// - Complexity: O(deals × dimensions + rows log rows).
  static func measure(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable
  ) -> Breakdowns {
    // Per dimension, the rows and where each value's row is: one lookup per
    // deal and dimension, and no deal copied out of the array.
    var tables = BreakdownDimension.allCases.map { _ in
      (rows: [BreakdownRow](), index: [String?: Int]())
    }
    for state in states where state.isInPopulation {
      let amount = opportunities[state.opportunity].amountCents.map { Double($0) / 100 }
      let probability =
        state.status == .open
        ? probabilities.probability(grade: state.grade, stage: state.currentStage) : 0
      for (position, dimension) in BreakdownDimension.allCases.enumerated() {
        let key = dimension.value(of: opportunities[state.opportunity])
        let row: Int
        if let known = tables[position].index[key] {
          row = known
        } else {
          row = tables[position].rows.count
          tables[position].index[key] = row
          tables[position].rows.append(BreakdownRow(dimension: dimension, value: key))
        }
        switch state.status {
        case .open:
          tables[position].rows[row].openDeals += 1
          if let amount {
            tables[position].rows[row].pipeline += amount
            tables[position].rows[row].expected += amount * probability
          }
        case .won:
          tables[position].rows[row].won += 1
          tables[position].rows[row].wonAmount += amount ?? 0
        case .lost:
          tables[position].rows[row].lost += 1
        default:
          break
        }
      }
    }

    var rows: [BreakdownDimension: [BreakdownRow]] = [:]
    for (position, dimension) in BreakdownDimension.allCases.enumerated() {
      rows[dimension] = tables[position].rows.sorted { left, right in
        if left.pipeline != right.pipeline { return left.pipeline > right.pipeline }
        return (left.value ?? "") < (right.value ?? "")
      }
    }
    return Breakdowns(rows: rows)
  }
}
