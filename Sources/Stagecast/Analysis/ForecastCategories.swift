/// The owner's forecast category of a deal (预测类别), as Salesforce and most
/// Chinese CRMs name them.
public enum ForecastCategory: String, CaseIterable, Sendable {
  case closed, commit, bestCase, pipeline, omitted

  /// Spellings of each category after `normalizedWord`: case, width, spaces and punctuation ignored.
  static let spellings: [String: ForecastCategory] = {
    let words: [(ForecastCategory, [String])] = [
      (.closed, ["closed", "closedwon", "won", "已关闭", "已成交", "已赢单", "赢单"]),
      (.commit, ["commit", "committed", "forecast", "承诺", "确定", "确认", "必赢", "已承诺"]),
      (.bestCase, ["bestcase", "upside", "probable", "最佳情况", "最佳", "乐观", "可能", "有望"]),
      (.pipeline, ["pipeline", "open", "管道", "储备", "跟进", "商机储备"]),
      (.omitted, ["omitted", "omit", "excluded", "排除", "忽略", "不计入", "不预测"]),
    ]
    var spellings: [String: ForecastCategory] = [:]
    for (category, list) in words {
      for word in list { spellings[normalizedWord(word)] = category }
    }
    return spellings
  }()

  /// Reads a category cell; nil for a value that names no category.
  init?(cell: String) {
    guard let category = ForecastCategory.spellings[normalizedWord(cell)] else { return nil }
    self = category
  }
}

/// The owners' own call for one forecast line: the amount in each category,
/// and the cumulative lines built from those buckets.
public struct CategoryLine: Sendable {
  public var period: ForecastPeriod
  /// Amount per category: open deals by expected close, and for the as-of
  /// month, `closed` is the amount won so far.
  public var amounts: [ForecastCategory: Double] = [:]
  public var deals: [ForecastCategory: Int] = [:]

  public func amount(_ category: ForecastCategory) -> Double { amounts[category] ?? 0 }

  /// Closed plus commit: the owners' commitment.
  public var commitForecast: Double { amount(.closed) + amount(.commit) }
  /// The commit forecast plus best case.
  public var bestCaseForecast: Double { commitForecast + amount(.bestCase) }
  /// Every open category but omitted.
  public var openPipeline: Double { amount(.commit) + amount(.bestCase) + amount(.pipeline) }
}

/// The forecast categories of an export, beside the measured forecast.
///
/// Each cumulative line is built from the buckets of its own period, never by
/// adding other cumulative lines.
public struct ForecastCategories: Sendable {
  /// One line per forecast line, in the forecast's order.
  public var lines: [CategoryLine]
  /// Open deals with a category cell that names no category, by value.
  public var unknownValues: [String: Int]
  /// Open deals with a category.
  public var categorizedDeals: Int

  /// Whether the export carries categories at all.
  public var isEmpty: Bool { categorizedDeals == 0 }

  /// Sorts the open deals and the month's wins into category buckets per forecast line.
  /// - Complexity: O(deals).
  static func measure(
    states: [DealState], opportunities: [Opportunity], forecast: Forecast, asOf: Day, horizon: Int
  ) -> ForecastCategories {
    var lines = forecast.lines.map { CategoryLine(period: $0.period) }
    var unknownValues: [String: Int] = [:]
    var categorizedDeals = 0
    let monthStart = asOf.firstOfMonth

    for state in states {
      let deal = opportunities[state.opportunity]
      if state.status == .won, let closed = deal.closedOn, closed >= monthStart, closed <= asOf {
        // Won deals land in the as-of month's closed bucket, whatever their category was.
        lines[1].amounts[.closed, default: 0] += deal.amount ?? 0
        lines[1].deals[.closed, default: 0] += 1
      }
      guard state.status == .open, let cell = deal.forecastCategory else { continue }
      guard let category = ForecastCategory(cell: cell), category != .closed else {
        unknownValues[cell, default: 0] += 1
        continue
      }

      categorizedDeals += 1
      let period = Forecast.period(of: deal.expectedCloseOn, asOf: asOf, horizon: horizon)
      guard let line = lines.firstIndex(where: { $0.period == period }) else { continue }
      lines[line].amounts[category, default: 0] += deal.amount ?? 0
      lines[line].deals[category, default: 0] += 1
    }
    return ForecastCategories(
      lines: lines, unknownValues: unknownValues, categorizedDeals: categorizedDeals)
  }
}
