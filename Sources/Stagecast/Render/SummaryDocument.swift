/// Builds `summary.json`: every headline figure of the report, keyed by
/// stable ids so analysts can read it without the report's language.
enum SummaryDocument {
  /// Version of the layout; raised when a field changes meaning or is removed.
  static let schemaVersion = 1

  static func build(_ context: ReportContext) -> JSONValue {
    let analysis = context.analysis
    let configuration = context.configuration
    let counts = analysis.counts
    let input = analysis.input

    let deals: JSONValue = .object([
      ("imported", .count(analysis.opportunities.count)),
      ("rejected", .count(input.rejectedRows)),
      ("open", .count(counts.open)),
      ("won", .count(counts.won)),
      ("lost", .count(counts.lost)),
      ("excluded", .count(counts.excluded)),
      ("overdue", .count(counts.overdue)),
      ("population", .count(counts.population)),
      ("closedBeforeWindow", .count(counts.closedBeforeWindow)),
      ("closedWithoutDate", .count(counts.closedWithoutDate)),
      ("createdAfterAsOf", .count(counts.notCreatedYet)),
      ("closedAfterAsOf", .count(counts.closedAfterAsOf)),
      ("notValued", .count(analysis.quality.openNotValued)),
    ])

    let funnel: JSONValue = .array(
      analysis.overallFunnel.stages.map {
        stageObject($0, configuration, lossesMissing: analysis.lossesMissing)
      })
    func populationFunnels(_ funnels: [Funnel]) -> JSONValue {
      .array(
        funnels.map { funnel in
          .object([
            ("population", .string(funnel.population.key)),
            (
              "stages",
              .array(
                funnel.stages.map {
                  stageObject($0, configuration, lossesMissing: analysis.lossesMissing)
                })
            ),
          ])
        })
    }
    let funnelByDimension = populationFunnels(analysis.dimensionFunnels)
    let funnelByPopulation = populationFunnels(analysis.funnels)

    let winProbability: JSONValue = .array(
      analysis.probabilities.entries.map { entry in
        .object([
          ("grade", .string(entry.grade.rawValue)),
          ("stage", .string(configuration.stages[entry.stage - 1].id)),
          ("track", .string(entry.track.rawValue)),
          ("probability", .number(entry.probability)),
          ("source", .string(entry.source.rawValue)),
          ("won", .count(entry.wonInGrade)),
          ("resolved", .count(entry.resolvedInGrade)),
          ("trackProbability", .number(entry.trackRate)),
          ("stageProbability", .number(entry.stageRate)),
          (
            "ownerDeals",
            .count(analysis.ownerProbabilities.deals[entry.grade.rank][entry.stage - 1])
          ),
          (
            "ownerProbability",
            .number(analysis.ownerProbabilities.mean(grade: entry.grade, stage: entry.stage))
          ),
        ])
      })

    let forecast: JSONValue = .array(
      analysis.forecast.lines.map { line in
        var members = figureMembers(line.total)
        members.insert(("period", .string(line.period.key)), at: 0)
        members.append(
          (
            "byGrade",
            .object(
              Grade.allCases.map { grade in
                (grade.rawValue, .object(figureMembers(line.byGrade[grade] ?? ForecastFigures())))
              })
          ))
        return .object(members)
      })

    let open = analysis.forecast.openTotal
    let pipeline: JSONValue = .object([
      ("openDeals", .count(open.openDeals)),
      ("notValuedDeals", .count(open.notValuedDeals)),
      ("amount", .number(open.pipeline)),
      ("expected", .number(open.expected)),
    ])

    let asOfMonth = analysis.forecast.asOfMonthLine.total
    let landing: JSONValue = .object([
      ("period", .string(Day.monthLabel(analysis.forecast.asOfMonth))),
      ("wonSoFar", .number(asOfMonth.wonSoFar)),
      ("expected", .number(asOfMonth.expected)),
      ("overdueExpected", .number(analysis.forecast.overdueLine.total.expected)),
      ("landing", .number(analysis.forecast.landing)),
      ("landingWithOverdue", .number(analysis.forecast.landingWithOverdue)),
    ])

    let audit = analysis.audit
    let gradeAudit: JSONValue = .object([
      ("computedGrades", .count(audit.computedGrades)),
      ("upgrades", .count(audit.count(.upgrade))),
      ("downgrades", .count(audit.count(.downgrade))),
      ("partnerMismatches", .count(audit.count(.partnerMismatch))),
      ("skippedStages", .count(audit.count(.skippedStage))),
    ])

    let quality = analysis.quality
    let dataQuality: JSONValue = .object([
      ("rejectedRows", .count(input.rejectedRows)),
      ("rejectedHistoryRows", .count(input.rejectedHistoryRows)),
      ("unreadableValues", .count(input.unreadableValues)),
      ("collapsedDuplicateRows", .count(input.collapsedDuplicateRows)),
      ("footerLinesSkipped", .count(input.footerLines.count)),
      ("exportIsStageHistory", .bool(input.isBuiltFromHistory)),
      ("hasIdColumn", .bool(input.hasIDColumn)),
      ("lossesMissing", .bool(analysis.lossesMissing)),
      ("populationWithoutHistory", .count(quality.populationWithoutHistory)),
      ("lostAtUnknownStage", .count(quality.lostAtUnknownStage)),
      ("openWithoutExpectedClose", .count(quality.openWithoutExpectedClose)),
      ("openMovedBack", .count(quality.openMovedBack)),
      ("stageDisagreements", .count(quality.stageDisagreements.count)),
      ("historyRowsAfterAsOf", .count(quality.historyRowsAfterAsOf)),
      ("dealsWithEntriesAfterClose", .count(quality.dealsWithEntriesAfterClose)),
      ("historyOutcomeRows", .count(input.historyOutcomeRows)),
      ("historyUnknownIdRows", .count(input.historyUnknownIDRows)),
      (
        "missingExchangeRates",
        .object(quality.missingRates.sorted { $0.key < $1.key }.map { ($0.key, .count($0.value)) })
      ),
      ("newestDateAfterAsOf", quality.newestDateAfterAsOf.map { .string($0.isoString) } ?? .null),
    ])

    // The backtest, the trend and the waterfall are present only when the run
    // requested them or the archive exists, so a reader checks for those keys.
    // Every other key is always present.
    var optionalSections =
      analysis.backtest.map { [("backtest", BacktestReport.summary($0))] } ?? []
    if !analysis.trend.isEmpty {
      optionalSections.append(
        (
          "trend",
          .array(
            analysis.trend.map { point in
              .object([
                ("asOf", .string(point.asOf.isoString)), ("openDeals", .count(point.openDeals)),
                ("pipeline", .number(point.pipeline)), ("expected", .number(point.expected)),
                ("winRate", .number(point.winRate)),
              ])
            })
        ))
    }
    if let comparison = analysis.sinceLastSnapshot {
      optionalSections.append(
        (
          "sinceLastSnapshot",
          .object(
            [("previousAsOf", .string(comparison.previousAsOf.isoString))]
              + WaterfallBucket.allCases.map { ($0.rawValue, .number(comparison.amount($0))) })
        ))
    }
    return .object(
      [
        ("schemaVersion", .count(schemaVersion)),
        ("asOf", .string(analysis.asOf.isoString)),
        ("language", .string(context.language.rawValue)),
        ("currency", .string(configuration.currency)),
        (
          "settings",
          .object([
            ("lookbackMonths", .count(configuration.forecast.lookbackMonths)),
            ("windowStartExclusive", analysis.windowStart.map { .string($0.isoString) } ?? .null),
            ("priorStrength", .number(configuration.forecast.priorStrength)),
            ("horizonMonths", .count(configuration.forecast.horizonMonths)),
          ])
        ),
        ("inputs", inputs(input)),
        ("deals", deals),
        ("funnel", funnel),
        ("funnelByPopulation", funnelByPopulation),
        ("funnelByDimension", funnelByDimension),
        ("winProbability", winProbability),
        ("pipeline", pipeline),
        (
          "targets",
          .object([
            ("requiredCoverage", .number(analysis.targets.requiredCoverage)),
            (
              "months",
              .array(
                analysis.targets.months.map { month in
                  .object([
                    ("period", .string(Day.monthLabel(month.month))),
                    ("target", .number(month.target)),
                    ("gap", .number(month.gap)),
                    ("coverage", .number(month.coverage)),
                  ])
                })
            ),
            (
              "byDimension",
              .array(
                analysis.targets.byDimension.map { row in
                  .object([
                    ("dimension", .string(row.dimension.rawValue)),
                    ("value", .string(row.value)),
                    ("period", .string(Day.monthLabel(row.month))),
                    ("target", .number(row.target)),
                    ("wonSoFar", .number(row.wonSoFar)),
                    ("openDeals", .count(row.openDeals)),
                    ("pipeline", .number(row.pipeline)),
                    ("expected", .number(row.expected)),
                    ("landing", .number(row.landing)),
                    ("gap", .number(row.gap)),
                    ("coverage", .number(row.coverage)),
                    ("requiredCoverage", .number(row.requiredCoverage)),
                  ])
                })
            ),
          ])
        ),
        ("range", rangeObject(analysis)),
        ("forecastCategories", categoriesObject(analysis)),
        ("resources", resourcesObject(analysis)),
        ("forecast", forecast),
        ("landing", landing),
        ("gradeAudit", gradeAudit),
        (
          "breakdowns",
          .object(
            BreakdownDimension.allCases.map { dimension in
              (
                dimension.rawValue,
                .array(
                  (analysis.breakdowns.rows[dimension] ?? []).map { row in
                    .object([
                      ("value", row.value.map(JSONValue.string) ?? .null),
                      ("openDeals", .count(row.openDeals)),
                      ("pipeline", .number(row.pipeline)),
                      ("expected", .number(row.expected)),
                      ("won", .count(row.won)),
                      ("lost", .count(row.lost)),
                      ("wonAmount", .number(row.wonAmount)),
                      ("winRate", .number(analysis.lossesMissing ? nil : row.winRate)),
                    ])
                  })
              )
            })
        ),
        (
          "velocity",
          .object([
            (
              "stages",
              .array(
                analysis.velocity.stages.map { stage in
                  .object([
                    ("stage", .string(configuration.stages[stage.stage - 1].id)),
                    ("completedStays", .count(stage.completedStays)),
                    ("medianDays", .number(stage.medianDays)),
                    ("p90Days", .number(stage.p90Days)),
                    ("maximumDays", stage.maximumDays.map(JSONValue.count) ?? .null),
                    (
                      "byGrade",
                      .object(
                        Grade.allCases.compactMap { grade in
                          stage.byGrade[grade].map { stays in
                            (
                              grade.rawValue,
                              .object([
                                ("completedStays", .count(stays.completedStays)),
                                ("medianDays", .number(stays.medianDays)),
                                ("p90Days", .number(stays.p90Days)),
                              ])
                            )
                          }
                        })
                    ),
                  ])
                })
            ),
            ("stalledDeals", .count(analysis.velocity.stalled.count)),
            (
              "salesVelocity",
              .object([
                ("openDeals", .count(analysis.salesVelocity.openDeals)),
                ("averageWonAmount", .number(analysis.salesVelocity.averageWonAmount)),
                ("winRate", .number(analysis.salesVelocity.winRate)),
                ("averageCycleDays", .number(analysis.salesVelocity.averageCycleDays)),
                ("cycleDeals", .count(analysis.salesVelocity.cycleDeals)),
                ("perDay", .number(analysis.salesVelocity.perDay)),
                ("perMonth", .number(analysis.salesVelocity.perMonth)),
              ])
            ),
          ])
        ),
        (
          "requiredFields", .object([("dealsMissing", .count(analysis.requiredFields.items.count))])
        ),
        ("dataQuality", dataQuality),
      ] + optionalSections)
  }

  private static func stageObject(
    _ stage: FunnelStage, _ configuration: Configuration, lossesMissing: Bool
  ) -> JSONValue {
    .object([
      ("stage", .string(configuration.stages[stage.stage - 1].id)),
      ("visited", .count(stage.visited)),
      ("reached", .count(stage.reached)),
      ("advanced", .count(stage.advanced)),
      ("censored", .count(stage.censored)),
      ("advanceRate", .number(stage.advanceRate)),
      ("won", .count(stage.won)),
      ("lost", .count(stage.lost)),
      ("winRate", .number(lossesMissing ? nil : stage.winRate)),
      ("visitedAmount", .number(stage.visitedAmount)),
      ("advanceRateByAmount", .number(stage.advanceRateByAmount)),
      ("winRateByAmount", .number(lossesMissing ? nil : stage.winRateByAmount)),
    ])
  }

  private static func resourcesObject(_ analysis: PipelineAnalysis) -> JSONValue {
    func planObject(_ plan: ResourcePlan) -> JSONValue {
      .object([
        ("fundedExpectedValue", .number(plan.fundedExpectedValue)),
        ("expectedValueAtRisk", .number(plan.expectedValueAtRisk)),
        ("unfundedDeals", .count(plan.deals.filter(\.isUnfunded).count)),
        ("overCapacityRoleMonths", .count(plan.overCapacityRoleMonths)),
      ])
    }
    let plan = analysis.resources
    return .object([
      ("isDefault", .bool(plan.isDefault)),
      ("funding", .string(plan.funding.rawValue)),
      ("dealsWithEffort", .count(plan.deals.count)),
      ("plan", planObject(plan)),
      ("unfundedTopGradeDeals", .count(plan.unfundedTopGradeDeals)),
      ("offTrackDeals", .count(plan.offTrackDeals)),
      ("offTrackHours", .number(Double(plan.offTrackHundredths) / 100)),
      (
        "idleRoleMonths",
        .array(
          plan.idleRoleMonths.map {
            .object([
              ("role", .string(plan.roles[$0.role].id)),
              ("period", .string(Day.monthLabel($0.month))),
              ("utilization", .number($0.utilization)),
            ])
          })
      ),
      (
        "roles",
        .array(
          plan.months.enumerated().map { role, lines in
            .object([
              ("role", .string(plan.roles[role].id)),
              (
                "months",
                .array(
                  lines.enumerated().map { position, line in
                    var period = "later"
                    if let month = line.month {
                      period = Day.monthLabel(month)
                    } else if position == lines.count - 1 {
                      period = "total"
                    }
                    return .object([
                      ("period", .string(period)),
                      ("demandHours", .number(line.demand)),
                      ("deals", .count(line.deals)),
                      ("capacityHours", .number(line.capacity)),
                      ("utilization", .number(line.utilization)),
                      ("fundedHours", .number(line.month == nil ? nil : line.funded)),
                      ("unfundedHours", .number(line.month == nil ? nil : line.unfunded)),
                    ])
                  })
              ),
            ])
          })
      ),
      ("whatIf", analysis.resourcesWhatIf.map(planObject) ?? .null),
    ])
  }

  private static func categoriesObject(_ analysis: PipelineAnalysis) -> JSONValue {
    let categories = analysis.categories
    let lines: [JSONValue] =
      categories.isEmpty
      ? []
      : categories.lines.map { line in
        .object(
          [("period", .string(line.period.key))]
            + ForecastCategory.allCases.map { ($0.rawValue, .number(line.amount($0))) }
            + [
              ("commitForecast", .number(line.commitForecast)),
              ("bestCaseForecast", .number(line.bestCaseForecast)),
              ("openPipeline", .number(line.openPipeline)),
            ])
      }
    return .object([
      ("categorizedDeals", .count(categories.categorizedDeals)),
      (
        "unknownValues",
        .object(
          categories.unknownValues.sorted { $0.key < $1.key }.map { ($0.key, .count($0.value)) })
      ),
      ("lines", .array(lines)),
    ])
  }

  private static func rangeObject(_ analysis: PipelineAnalysis) -> JSONValue {
    func line(_ line: RangeLine) -> JSONValue {
      .object([
        ("period", .string(line.period?.key ?? "all")),
        ("deals", .count(line.deals)),
        ("pipeline", .number(line.pipeline)),
        ("expected", .number(line.expected)),
        ("mean", .number(line.mean)),
        ("p10", .number(line.p10)),
        ("p50", .number(line.p50)),
        ("p90", .number(line.p90)),
      ])
    }
    let range = analysis.range
    let month = range.line(for: analysis.forecast.asOfMonthLine.period)
    let won = analysis.forecast.asOfMonthLine.total.wonSoFar
    return .object([
      ("runs", .count(range.runs)),
      ("seed", .number(Double(range.seed))),
      ("lines", .array(range.lines.map(line) + [line(range.total)])),
      (
        "landing",
        .object([
          ("period", .string(Day.monthLabel(analysis.forecast.asOfMonth))),
          ("p10", .number(won + month.p10)),
          ("p50", .number(won + month.p50)),
          ("p90", .number(won + month.p90)),
        ])
      ),
      (
        "quarter",
        .object([
          ("period", .string(Day.quarterLabel(range.quarterMonths.lowerBound))),
          ("months", .array(range.quarterMonths.map { .string(Day.monthLabel($0)) })),
          ("deals", .count(range.quarter.deals)),
          ("pipeline", .number(range.quarter.pipeline)),
          ("expected", .number(range.quarter.expected)),
          ("wonSoFar", .number(analysis.forecast.quarterWonSoFar)),
          ("landing", .number(analysis.forecast.quarterLanding)),
          ("p10", .number(analysis.forecast.quarterWonSoFar + range.quarter.p10)),
          ("p50", .number(analysis.forecast.quarterWonSoFar + range.quarter.p50)),
          ("p90", .number(analysis.forecast.quarterWonSoFar + range.quarter.p90)),
        ])
      ),
    ])
  }

  private static func figureMembers(_ figures: ForecastFigures) -> [(key: String, value: JSONValue)]
  {
    [
      ("openDeals", .count(figures.openDeals)),
      ("notValuedDeals", .count(figures.notValuedDeals)),
      ("pipeline", .number(figures.pipeline)),
      ("expected", .number(figures.expected)),
      ("wonDeals", .count(figures.wonDeals)),
      ("wonSoFar", .number(figures.wonSoFar)),
      ("landing", .number(figures.landing)),
      ("dealsWithOwnerProbability", .count(figures.dealsWithOwnerProbability)),
      ("ownerExpected", .number(figures.ownerExpected)),
    ]
  }

  private static func inputs(_ input: ImportSummary) -> JSONValue {
    func file(_ file: InputFile) -> JSONValue {
      .object([
        ("path", .string(file.path)),
        ("encoding", .string(file.encoding)),
        ("profile", file.profile.map(JSONValue.string) ?? .null),
        ("delimiter", .string(file.delimiter)),
        ("rows", .count(file.rows)),
        // An array, not an object: a field split over two columns (Won time,
        // Lost time) appears twice, and JSON objects must not repeat a key.
        (
          "columns",
          .array(
            file.mappedColumns.map {
              .object([("field", .string($0.field)), ("header", .string($0.header))])
            })
        ),
        ("unmappedColumns", .array(file.unmappedHeaders.map(JSONValue.string))),
      ])
    }
    return .object([
      ("export", file(input.export)),
      ("history", input.history.map(file) ?? .null),
    ])
  }
}
