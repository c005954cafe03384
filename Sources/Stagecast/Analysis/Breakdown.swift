/// A text dimension the figures are broken down by.
public enum BreakdownDimension: String, CaseIterable, Sendable {
  case owner, region, product

  func value(of deal: borrowing Opportunity) -> String? {
    label(of: deal).text
  }

  func label(of deal: borrowing Opportunity) -> Label {
    switch self {
    case .owner: return deal.ownerLabel
    case .region: return deal.regionLabel
    case .product: return deal.productLabel
    }
  }
}

/// The owner, region and product of every deal as a number, with the names
/// behind the numbers: breakdowns and per-value funnels then count by number
/// instead of hashing the same names again.
struct DimensionIndex: Sendable {
  /// Per dimension, the distinct values in order of first appearance.
  var values: [[String?]]
  /// Per dimension, the number of each deal's value, by deal position.
  var numbers: [[Int32]]

  /// Numbers the values of the population's deals; other deals get -1.
  /// - Complexity: O(deals × dimensions).
  init(states: [DealState], opportunities: [Opportunity]) {
    values = []
    numbers = []
    for dimension in BreakdownDimension.allCases {
      var distinct: [String?] = []
      // Deals are numbered by their label, and each new label goes through
      // its `String` once, so that labels Swift treats as equal (é composed
      // or not) count as one value.
      var numberOfLabel: [Label: Int32] = [:]
      var numberOfText: [String: Int32] = [:]
      var dealNumbers = [Int32](repeating: -1, count: opportunities.count)
      for state in states where state.isInPopulation {
        let label = dimension.label(of: opportunities[state.opportunity])
        if let known = numberOfLabel[label] {
          dealNumbers[state.opportunity] = known
          continue
        }

        let text = label.text
        let number = text.flatMap { numberOfText[$0] } ?? Int32(distinct.count)
        if number == distinct.count {
          distinct.append(text)
          if let text { numberOfText[text] = number }
        }
        numberOfLabel[label] = number
        dealNumbers[state.opportunity] = number
      }
      values.append(distinct)
      numbers.append(dealNumbers)
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
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    index: DimensionIndex
  ) -> Breakdowns {
    // Per dimension, one row per value number, filled in deal order.
    var tables = BreakdownDimension.allCases.enumerated().map { position, dimension in
      index.values[position].map { BreakdownRow(dimension: dimension, value: $0) }
    }
    for state in states where state.isInPopulation {
      let amount = opportunities[state.opportunity].amountCents.map { Double($0) / 100 }
      let probability =
        state.status == .open
        ? probabilities.probability(grade: state.grade, stage: state.currentStage) : 0
      for position in BreakdownDimension.allCases.indices {
        let row = Int(index.numbers[position][state.opportunity])
        switch state.status {
        case .open:
          tables[position][row].openDeals += 1
          if let amount {
            tables[position][row].pipeline += amount
            tables[position][row].expected += amount * probability
          }
        case .won:
          tables[position][row].won += 1
          tables[position][row].wonAmount += amount ?? 0
        case .lost:
          tables[position][row].lost += 1
        default:
          break
        }
      }
    }

    var rows: [BreakdownDimension: [BreakdownRow]] = [:]
    for (position, dimension) in BreakdownDimension.allCases.enumerated() {
      rows[dimension] = tables[position].sorted { left, right in
        if left.pipeline != right.pipeline { return left.pipeline > right.pipeline }
        return (left.value ?? "") < (right.value ?? "")
      }
    }
    return Breakdowns(rows: rows)
  }
}
