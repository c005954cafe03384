import Dispatch

/// The report's tables as CSV for analysts: UTF-8 with a byte-order mark so
/// Excel in China opens them without garbling, stable column ids in English,
/// numbers in plain machine form, text from the input made inert.
enum CSVTables {
  static let byteOrderMark = "\u{FEFF}"

  /// Every table's file name and how it is written, in file order.
  static let all: [(name: String, write: @Sendable (ReportContext) -> String)] = [
    ("funnel.csv", funnel),
    ("win_probability.csv", winProbability),
    ("forecast.csv", forecast),
    ("range.csv", range),
    ("forecast_categories.csv", categories),
    ("overdue.csv", overdue),
    ("grade_audit.csv", gradeAudit),
    ("breakdown.csv", breakdown),
    ("stalled.csv", stalled),
    ("sales_velocity.csv", salesVelocity),
    ("velocity.csv", velocity),
    ("resources.csv", resources),
    ("unfunded.csv", unfunded),
    ("targets.csv", targets),
    ("missing_fields.csv", missingFields),
    ("rejects.csv", rejects),
  ]

  /// File name and text of every table, written a few at a time.
  ///
  /// At a million deals the lists of unfunded, stalled and audited deals
  /// take most of the rendering. On two threads they no longer outlast the pages.
  static func build(_ context: ReportContext) -> [(name: String, text: String)] {
    let tables = all
    var texts = [String](repeating: "", count: tables.count)
    texts.withUnsafeMutableBufferPointer { buffer in
      // Each iteration writes only its own element.
      let output = HandOver(value: buffer)
      DispatchQueue.concurrentPerform(iterations: tables.count) { index in
        output.value[index] = tables[index].write(context)
      }
    }
    return zip(tables, texts).map { ($0.name, $1) }
  }

  private static func table(_ header: [String], _ rows: [[String]]) -> String {
    var text = byteOrderMark + header.joined(separator: ",") + "\n"
    for row in rows {
      text += row.joined(separator: ",")
      text += "\n"
    }
    return text
  }

  private static func number(_ value: Double?) -> String { NumberFormatting.machine(value) }

  static func funnel(_ context: ReportContext) -> String {
    let stages = context.configuration.stages
    var rows: [[String]] = []
    // Owner, region and product keys carry input text, so every key is made inert.
    for funnel in context.analysis.funnels + context.analysis.dimensionFunnels {
      for stage in funnel.stages {
        rows.append([
          Escaping.csvText(funnel.population.key), Escaping.csvText(stages[stage.stage - 1].id),
          String(stage.stage),
          String(stage.visited), String(stage.reached), String(stage.advanced),
          String(stage.censored),
          String(stage.advanceBase), number(stage.advanceRate), String(stage.won),
          String(stage.lost),
          String(stage.won + stage.lost),
          number(context.analysis.lossesMissing ? nil : stage.winRate), number(stage.visitedAmount),
          number(stage.reachedAmount), number(stage.advancedAmount), number(stage.censoredAmount),
          number(stage.advanceRateByAmount), number(stage.wonAmount), number(stage.lostAmount),
          number(context.analysis.lossesMissing ? nil : stage.winRateByAmount),
        ])
      }
    }
    return table(
      [
        "population", "stage", "stage_index", "visited", "reached", "advanced", "censored",
        "advance_base", "advance_rate", "won", "lost", "resolved", "win_rate", "visited_amount",
        "reached_amount", "advanced_amount", "censored_amount", "advance_rate_amount", "won_amount",
        "lost_amount", "win_rate_amount",
      ], rows)
  }

  static func winProbability(_ context: ReportContext) -> String {
    let stages = context.configuration.stages
    let rows = context.analysis.probabilities.entries.map { entry in
      [
        entry.grade.rawValue, Escaping.csvText(stages[entry.stage - 1].id), String(entry.stage),
        entry.track.rawValue,
        String(entry.wonInGrade), String(entry.resolvedInGrade), String(entry.wonInTrack),
        String(entry.resolvedInTrack), String(entry.wonOverall), String(entry.resolvedOverall),
        number(entry.stageRate), number(entry.trackRate), number(entry.probability),
        entry.source.rawValue,
        String(context.analysis.ownerProbabilities.deals[entry.grade.rank][entry.stage - 1]),
        number(context.analysis.ownerProbabilities.mean(grade: entry.grade, stage: entry.stage)),
      ]
    }
    return table(
      [
        "grade", "stage", "stage_index", "track", "won_grade", "resolved_grade", "won_track",
        "resolved_track", "won_all", "resolved_all", "p_stage", "p_track", "p_hat", "source",
        "owner_deals", "owner_probability",
      ], rows)
  }

  static func forecast(_ context: ReportContext) -> String {
    var rows: [[String]] = []
    for line in context.analysis.forecast.lines {
      let groups: [(String, ForecastFigures)] =
        Grade.allCases.map { ($0.rawValue, line.byGrade[$0] ?? ForecastFigures()) } + [
          ("all", line.total)
        ]
      for (grade, figures) in groups {
        rows.append([
          line.period.key, grade, String(figures.openDeals), String(figures.notValuedDeals),
          number(figures.pipeline), number(figures.expected), String(figures.wonDeals),
          number(figures.wonSoFar), number(figures.landing), number(figures.ownerExpected),
        ])
      }
    }
    return table(
      [
        "period", "grade", "open_deals", "not_valued_deals", "pipeline_amount", "expected_value",
        "won_deals", "won_amount", "landing", "owner_expected",
      ], rows)
  }

  static func range(_ context: ReportContext) -> String {
    let range = context.analysis.range
    let keyed =
      range.lines.map { ($0.period?.key ?? "all", $0) }
      + [("all", range.total), (Day.quarterLabel(range.quarterMonths.lowerBound), range.quarter)]
    let rows = keyed.map { key, line in
      [
        key, String(line.deals), number(line.pipeline), number(line.expected),
        String(range.runs), number(line.mean), number(line.p10), number(line.p50), number(line.p90),
      ]
    }
    return table(
      [
        "period", "deals", "pipeline_amount", "expected_value", "runs", "mean", "p10", "p50", "p90",
      ],
      rows)
  }

  /// One row per forecast line with the category buckets and their cumulative lines.
  static func categories(_ context: ReportContext) -> String {
    let categories = context.analysis.categories
    let rows =
      categories.isEmpty
      ? []
      : zip(categories.lines, context.analysis.forecast.lines).map { line, forecastLine in
        [line.period.key]
          + ForecastCategory.allCases.map { number(line.amount($0)) }
          + ForecastCategory.allCases.map { String(line.deals[$0] ?? 0) }
          + [
            number(line.commitForecast), number(line.bestCaseForecast), number(line.openPipeline),
            number(forecastLine.total.landing),
          ]
      }
    return table(
      ["period", "closed", "commit", "best_case", "pipeline", "omitted"]
        + ["closed_deals", "commit_deals", "best_case_deals", "pipeline_deals", "omitted_deals"]
        + ["commit_forecast", "best_case_forecast", "open_pipeline", "measured_forecast"],
      rows)
  }

  /// The company's month targets, then those of each owner and region.
  static func targets(_ context: ReportContext) -> String {
    let analysis = context.analysis
    var rows: [[String]] = []
    for month in analysis.targets.months {
      guard let line = analysis.forecast.lines.first(where: { $0.period == .month(month.month) })
      else { continue }
      let figures = line.total
      rows.append(
        [
          "company", "", Day.monthLabel(month.month), number(month.target),
          number(figures.wonSoFar), String(figures.openDeals), number(figures.pipeline),
          number(figures.expected), number(figures.landing), number(month.gap),
          number(month.coverage), number(analysis.targets.requiredCoverage),
        ])
    }
    for row in analysis.targets.byDimension {
      rows.append(
        [
          row.dimension.rawValue, Escaping.csvText(row.value), Day.monthLabel(row.month),
          number(row.target), number(row.wonSoFar), String(row.openDeals), number(row.pipeline),
          number(row.expected), number(row.landing), number(row.gap), number(row.coverage),
          number(row.requiredCoverage),
        ])
    }
    return table(
      [
        "level", "value", "month", "target", "won_so_far", "open_deals", "pipeline", "expected",
        "landing", "gap", "coverage", "required_coverage",
      ], rows)
  }

  /// Completed time in stage per stage, for all deals and per grade.
  static func velocity(_ context: ReportContext) -> String {
    var rows: [[String]] = []
    for stage in context.analysis.velocity.stages {
      let id = Escaping.csvText(context.configuration.stages[stage.stage - 1].id)
      rows.append([
        id, String(stage.stage), "all", String(stage.completedStays), number(stage.medianDays),
        number(stage.p90Days), stage.maximumDays.map(String.init) ?? "",
      ])
      for grade in Grade.allCases {
        guard let stays = stage.byGrade[grade] else { continue }
        rows.append([
          id, String(stage.stage), grade.rawValue, String(stays.completedStays),
          number(stays.medianDays), number(stays.p90Days), stage.maximumDays.map(String.init) ?? "",
        ])
      }
    }
    return table(
      [
        "stage", "stage_index", "grade", "completed_stays", "median_days", "p90_days",
        "maximum_days",
      ],
      rows)
  }

  /// Demand, capacity and funding per role and month, then `later` and `total`.
  static func resources(_ context: ReportContext) -> String {
    let plan = context.analysis.resources
    var rows: [[String]] = []
    for (role, lines) in plan.months.enumerated() {
      for (position, line) in lines.enumerated() {
        let period: String
        if let month = line.month {
          period = Day.monthLabel(month)
        } else {
          period = position == lines.count - 1 ? "total" : "later"
        }
        let inHorizon = line.month != nil
        rows.append([
          Escaping.csvText(plan.roles[role].id), period, number(line.demand), String(line.deals),
          inHorizon ? number(line.capacity) : "", inHorizon ? number(line.utilization) : "",
          inHorizon ? number(line.funded) : "", inHorizon ? number(line.unfunded) : "",
          inHorizon ? String(line.fundedDeals) : "", inHorizon ? String(line.unfundedDeals) : "",
        ])
      }
    }
    return table(
      [
        "role", "period", "demand_hours", "deals", "capacity_hours", "utilization", "funded_hours",
        "unfunded_hours", "funded_deals", "unfunded_deals",
      ], rows)
  }

  /// The deals with an unfunded role-month, in id order, with the first role and month short.
  static func unfunded(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let plan = analysis.resources
    let rows = plan.unfundedDeals(analysis.opportunities).map { deal -> [String] in
      let opportunity = analysis.opportunities[deal.opportunity]
      let state = analysis.states[deal.opportunity]
      return [
        Escaping.csvText(opportunity.id), Escaping.csvText(opportunity.owner ?? ""),
        state.grade.rawValue, state.track.rawValue,
        Escaping.csvText(context.configuration.stages[state.currentStage - 1].id),
        opportunity.expectedCloseOn?.isoString ?? "", number(opportunity.amount),
        number(deal.expectedValue), number(Double(deal.effortHundredths) / 100),
        number(deal.valuePerHour), String(deal.priority), String(deal.unfundedRoleMonths),
        number(Double(deal.unfundedHundredths) / 100),
        deal.firstShortfall.map { Escaping.csvText(plan.roles[$0.role].id) } ?? "",
        deal.firstShortfall.map { Day.monthLabel($0.month) } ?? "",
      ]
    }
    return table(
      [
        "id", "owner", "grade", "track", "current_stage", "expected_close_on", "amount",
        "expected_value", "effort_hours", "ev_per_hour", "priority", "unfunded_role_months",
        "unfunded_hours", "first_short_role", "first_short_month",
      ], rows)
  }

  /// One row: the sales velocity and its parts.
  static func salesVelocity(_ context: ReportContext) -> String {
    let velocity = context.analysis.salesVelocity
    return table(
      [
        "open_deals", "average_won_amount", "win_rate", "average_cycle_days", "cycle_deals",
        "per_day", "per_30_days",
      ],
      [
        [
          String(velocity.openDeals), number(velocity.averageWonAmount), number(velocity.winRate),
          number(velocity.averageCycleDays), String(velocity.cycleDeals), number(velocity.perDay),
          number(velocity.perMonth),
        ]
      ])
  }

  static func overdue(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let rows = context.overdueDeals.map { state -> [String] in
      let deal = analysis.opportunities[state.opportunity]
      let probability = analysis.probabilities.probability(
        grade: state.grade, stage: state.currentStage)
      return [
        Escaping.csvText(deal.id), Escaping.csvText(deal.name ?? ""),
        Escaping.csvText(deal.account ?? ""),
        Escaping.csvText(deal.owner ?? ""), state.grade.rawValue,
        Escaping.csvText(context.configuration.stages[state.currentStage - 1].id),
        number(deal.amount), deal.expectedCloseOn?.isoString ?? "",
        String(analysis.asOf.daysSinceEpoch - (deal.expectedCloseOn?.daysSinceEpoch ?? 0)),
        number(probability), number(deal.amount.map { $0 * probability }),
      ]
    }
    return table(
      [
        "id", "name", "account", "owner", "grade", "stage", "amount", "expected_close_on",
        "days_overdue", "p_hat", "expected_value",
      ], rows)
  }

  static func gradeAudit(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let stages = context.configuration.stages
    let rows = analysis.audit.items.map { item -> [String] in
      let deal = analysis.opportunities[item.opportunity]
      return [
        Escaping.csvText(deal.id), Escaping.csvText(deal.owner ?? ""), item.finding.rawValue,
        item.recorded?.rawValue ?? "", item.computed?.rawValue ?? "",
        Escaping.csvText(item.skippedStages.map { stages[$0 - 1].id }.joined(separator: " ")),
        number(deal.amount),
      ]
    }
    return table(
      ["id", "owner", "finding", "recorded_grade", "computed_grade", "skipped_stages", "amount"],
      rows)
  }

  static func breakdown(_ context: ReportContext) -> String {
    var rows: [[String]] = []
    for dimension in BreakdownDimension.allCases {
      for row in context.analysis.breakdowns.rows[dimension] ?? [] {
        rows.append([
          dimension.rawValue, Escaping.csvText(row.value ?? ""), String(row.openDeals),
          number(row.pipeline),
          number(row.expected), String(row.won), String(row.lost), number(row.wonAmount),
          number(context.analysis.lossesMissing ? nil : row.winRate),
        ])
      }
    }
    return table(
      [
        "dimension", "value", "open_deals", "pipeline_amount", "expected_value", "won", "lost",
        "won_amount", "win_rate",
      ],
      rows)
  }

  static func stalled(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let stages = context.configuration.stages
    let rows = analysis.velocity.stalled.map { item -> [String] in
      let deal = analysis.opportunities[item.opportunity]
      return [
        Escaping.csvText(deal.id), Escaping.csvText(deal.name ?? ""),
        Escaping.csvText(deal.owner ?? ""),
        Escaping.csvText(stages[item.stage - 1].id), String(item.daysInStage),
        String(item.limitDays),
        number(deal.amount),
      ]
    }
    return table(["id", "name", "owner", "stage", "days_in_stage", "limit_days", "amount"], rows)
  }

  static func missingFields(_ context: ReportContext) -> String {
    let analysis = context.analysis
    let stages = context.configuration.stages
    let rows = analysis.requiredFields.items.map { item -> [String] in
      let deal = analysis.opportunities[item.opportunity]
      let stage = analysis.states[item.opportunity].currentStage
      return [
        Escaping.csvText(deal.owner ?? ""), Escaping.csvText(deal.id),
        Escaping.csvText(stages[stage - 1].id),
        Escaping.csvText(item.fields.joined(separator: " ")),
      ]
    }
    return table(["owner", "id", "stage", "missing_fields"], rows)
  }

  static func rejects(_ context: ReportContext) -> String {
    let rows = context.analysis.input.rejects.map { reject in
      [
        Escaping.csvText(reject.file), String(reject.line), Escaping.csvText(reject.column),
        Escaping.csvText(reject.value), reject.reason.code,
        Escaping.csvText(Messages.reason(reject.reason, language: context.language)),
        reject.isRowKept ? "true" : "false",
      ]
    }
    return table(["file", "line", "column", "value", "reason_code", "reason", "row_kept"], rows)
  }
}

extension RejectReason {
  /// A stable code for scripts that filter `rejects.csv`.
  var code: String {
    switch self {
    case .unterminatedQuote: return "unterminated_quote"
    case .fieldCount: return "field_count"
    case .unknownStage: return "unknown_stage"
    case .unknownStatus: return "unknown_status"
    case .missingStage: return "missing_stage"
    case .missingID: return "missing_id"
    case .conflictingDuplicateID: return "conflicting_duplicate_id"
    case .invalidAmount: return "invalid_amount"
    case .invalidDigitGrouping: return "invalid_digit_grouping"
    case .invalidDate: return "invalid_date"
    case .invalidProbability: return "invalid_probability"
    case .invalidGrade: return "invalid_grade"
    case .missingExchangeRate: return "missing_exchange_rate"
    case .outcomeStageOnOpenDeal: return "outcome_stage_on_open_deal"
    case .invalidTimeInStage: return "invalid_time_in_stage"
    case .unknownLostAtStage: return "unknown_lost_at_stage"
    case .unknownRole: return "unknown_role"
    case .historyMissingID: return "history_missing_id"
    case .historyInvalidDate: return "history_invalid_date"
    case .historyUnknownStage: return "history_unknown_stage"
    }
  }
}
