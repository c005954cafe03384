/// A text dimension the figures are broken down by.
public enum BreakdownDimension: String, CaseIterable, Sendable {
  case owner, region, product

  func value(of deal: Opportunity) -> String? {
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
    var tables: [BreakdownDimension: [String?: BreakdownRow]] = [:]
    for state in states where state.isInPopulation {
      let deal = opportunities[state.opportunity]
      for dimension in BreakdownDimension.allCases {
        let key = dimension.value(of: deal)
        var row = tables[dimension, default: [:]][
          key, default: BreakdownRow(dimension: dimension, value: key)]
        switch state.status {
        case .open:
          row.openDeals += 1
          if let amount = deal.amount {
            row.pipeline += amount
            row.expected +=
              amount * probabilities.probability(grade: state.grade, stage: state.currentStage)
          }
        case .won:
          row.won += 1
          row.wonAmount += deal.amount ?? 0
        case .lost:
          row.lost += 1
        default:
          break
        }
        tables[dimension, default: [:]][key] = row
      }
    }

    var rows: [BreakdownDimension: [BreakdownRow]] = [:]
    for (dimension, table) in tables {
      rows[dimension] = table.values.sorted { left, right in
        if left.pipeline != right.pipeline { return left.pipeline > right.pipeline }
        return (left.value ?? "") < (right.value ?? "")
      }
    }
    return Breakdowns(rows: rows)
  }
}
