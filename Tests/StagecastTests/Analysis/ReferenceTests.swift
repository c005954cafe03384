import Testing

@testable import Stagecast

/// Compares stagecast with the DuckDB reference implementation of the metrics.
///
/// The reference is an independent SQL implementation run on the same files;
/// Fixtures/README.md has its command lines. Tolerance: 1e-9 relative.
struct ReferenceTests {
  static let cases: [(name: String, export: String, history: String)] = [
    (
      "sample-en", Paths.repository("data/sample-en/opportunities.csv"),
      Paths.repository("data/sample-en/stage_history.csv")
    ),
    (
      "tiny", Paths.fixture("reference-tiny/opportunities.csv"),
      Paths.fixture("reference-tiny/stage_history.csv")
    ),
  ]

  private func analysis(_ name: String) throws -> PipelineAnalysis {
    let entry = try #require(Self.cases.first { $0.name == name })
    return try importAndAnalyse(entry.export, history: entry.history)
  }

  private func reference(_ name: String, _ table: String) throws -> [[String: String]] {
    let folder = name == "tiny" ? "reference-tiny" : "reference-\(name)"
    return try readReferenceTable(Paths.fixture("\(folder)/\(table).csv"))
  }

  @Test(arguments: ["sample-en", "tiny"])
  func funnelMatchesReference(_ name: String) throws {
    let analysis = try analysis(name)
    let rows = try reference(name, "funnel")
    #expect(rows.count == analysis.funnels.count * 7)

    for row in rows {
      let funnel = try #require(analysis.funnels.first { $0.population.key == row["population"] })
      let stage = funnel.stages[try #require(Int(row["stage"] ?? "")) - 1]
      let place = "\(name) \(row["population"] ?? "") stage \(stage.stage)"
      #expect(Double(stage.visited) == Double(row["visited"] ?? ""), "\(place) visited")
      #expect(Double(stage.reached) == Double(row["reached"] ?? ""), "\(place) reached")
      #expect(Double(stage.advanced) == Double(row["advanced"] ?? ""), "\(place) advanced")
      #expect(Double(stage.censored) == Double(row["censored"] ?? ""), "\(place) censored")
      #expect(Double(stage.won) == Double(row["won"] ?? ""), "\(place) won")
      #expect(Double(stage.lost) == Double(row["lost"] ?? ""), "\(place) lost")
      expectClose(stage.advanceRate, Double(row["advance_rate"] ?? ""), "\(place) advance rate")
      expectClose(stage.winRate, Double(row["win_rate"] ?? ""), "\(place) win rate")
      expectClose(
        stage.visitedAmount, Double(row["visited_amount"] ?? ""), "\(place) visited amount")
      expectClose(
        stage.advanceRateByAmount, Double(row["advance_rate_amount"] ?? ""),
        "\(place) advance by amount")
      expectClose(
        stage.winRateByAmount, Double(row["win_rate_amount"] ?? ""), "\(place) win by amount")
    }
  }

  @Test(arguments: ["sample-en", "tiny"])
  func winProbabilityMatchesReference(_ name: String) throws {
    let analysis = try analysis(name)
    let rows = try reference(name, "win_probability")
    #expect(rows.count == 35)

    for row in rows {
      let grade = try #require(Grade(rawValue: row["grade"] ?? ""))
      let entry = analysis.probabilities.entry(
        grade: grade, stage: try #require(Int(row["stage"] ?? "")))
      let place = "\(name) \(grade.rawValue) stage \(entry.stage)"
      #expect(Double(entry.wonInGrade) == Double(row["won_grade"] ?? ""), "\(place) W")
      #expect(Double(entry.resolvedInGrade) == Double(row["resolved_grade"] ?? ""), "\(place) R")
      expectClose(entry.stageRate, Double(row["p_stage"] ?? ""), "\(place) p")
      expectClose(entry.trackRate, Double(row["p_track"] ?? ""), "\(place) p̃")
      expectClose(entry.probability, Double(row["p_hat"] ?? ""), "\(place) p̂")
      #expect(entry.source.rawValue == row["source"], "\(place) source")
    }
  }

  @Test(arguments: ["sample-en", "tiny"])
  func forecastMatchesReference(_ name: String) throws {
    let analysis = try analysis(name)
    let rows = try reference(name, "forecast")

    for row in rows {
      let line = try #require(analysis.forecast.lines.first { $0.period.key == row["period"] })
      let grade = row["grade"] ?? ""
      let figures =
        grade == "all"
        ? line.total : (line.byGrade[try #require(Grade(rawValue: grade))] ?? ForecastFigures())
      let place = "\(name) \(line.period.key) \(grade)"
      #expect(Double(figures.openDeals) == Double(row["open_deals"] ?? ""), "\(place) open deals")
      expectClose(figures.pipeline, Double(row["pipeline_amount"] ?? ""), "\(place) pipeline")
      expectClose(figures.expected, Double(row["expected_value"] ?? ""), "\(place) expected")
      expectClose(figures.wonSoFar, Double(row["won_amount"] ?? ""), "\(place) won")
      expectClose(figures.landing, Double(row["landing"] ?? ""), "\(place) landing")
    }
  }

  @Test(arguments: ["sample-en", "tiny"])
  func summaryCountsMatchReference(_ name: String) throws {
    let analysis = try analysis(name)
    var summary: [String: Double] = [:]
    for row in try reference(name, "summary") {
      if let key = row["metric"], let value = Double(row["value"] ?? "") { summary[key] = value }
    }
    let counts = analysis.counts
    let quality = analysis.quality
    let audit = analysis.audit
    let checks: [(String, Double)] = [
      ("open", Double(counts.open)),
      ("won_in_window", Double(counts.won)),
      ("lost_in_window", Double(counts.lost)),
      ("excluded_in_window", Double(counts.excluded)),
      ("closed_before_window", Double(counts.closedBeforeWindow)),
      ("overdue", Double(counts.overdue)),
      ("population", Double(counts.population)),
      ("population_without_history", Double(quality.populationWithoutHistory)),
      ("lost_unknown_stage", Double(quality.lostAtUnknownStage)),
      ("open_moved_back", Double(quality.openMovedBack)),
      ("grade_blank_computed", Double(audit.computedGrades)),
      ("grade_upgrades", Double(audit.count(.upgrade))),
      ("grade_downgrades", Double(audit.count(.downgrade))),
      ("grade_partner_mismatch", Double(audit.count(.partnerMismatch))),
      ("full_track_skipped_stage", Double(audit.count(.skippedStage))),
      ("landing_as_of_month", analysis.forecast.landing),
      ("landing_as_of_month_with_overdue", analysis.forecast.landingWithOverdue),
    ]
    for (metric, value) in checks {
      expectClose(value, summary[metric], "\(name) \(metric)")
    }
  }
}

/// The Monte Carlo range against the reference's range.csv: the same generator,
/// draw order and percentile rule must give the same figures to the last digit.
struct RangeReferenceTests {
  @Test func splitMixMatchesPublishedVectors() {
    // Test vectors of the reference harness: seed 1234567 and seed 1, outputs 1, 2, 3.
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
    ]
    #expect((1...3).map { SplitMix64.output(seed: 1_234_567, index: UInt64($0)) } == expected)
    #expect(SplitMix64.output(seed: 1, index: 1) == 10_451_216_379_200_822_465)
  }

  @Test func rangeMatchesReference() throws {
    let analysis = try importAndAnalyse(
      Paths.repository("data/sample-en/opportunities.csv"),
      history: Paths.repository("data/sample-en/stage_history.csv"))
    let rows = try readReferenceTable(Paths.fixture("reference-sample-en/range.csv"))
    #expect(analysis.range.runs == 10_000)

    for row in rows {
      let line: RangeLine
      if row["period"] == "all" {
        line = analysis.range.total
      } else {
        line = try #require(analysis.range.lines.first { $0.period?.key == row["period"] })
      }
      let place = row["period"] ?? ""
      #expect(Double(line.deals) == Double(row["deals"] ?? ""), "\(place) deals")
      expectClose(line.pipeline, Double(row["pipeline_amount"] ?? ""), "\(place) pipeline")
      expectClose(line.expected, Double(row["expected_value"] ?? ""), "\(place) expected")
      expectClose(line.mean, Double(row["mean"] ?? ""), "\(place) mean")
      #expect(line.p10 == Double(row["p10"] ?? ""), "\(place) P10")
      #expect(line.p50 == Double(row["p50"] ?? ""), "\(place) P50")
      #expect(line.p90 == Double(row["p90"] ?? ""), "\(place) P90")
    }
  }

  @Test func rangeIgnoresInputOrder() throws {
    let directory = try TemporaryDirectory()
    let source = try String(
      contentsOfFile: Paths.repository("data/sample-en/opportunities.csv"), encoding: .utf8)
    var lines = source.split(separator: "\n").map(String.init)
    let header = lines.removeFirst()
    let reversed = try directory.write(
      "reversed.csv", ([header] + lines.reversed()).joined(separator: "\n") + "\n")

    let forward = try importAndAnalyse(
      Paths.repository("data/sample-en/opportunities.csv"),
      history: Paths.repository("data/sample-en/stage_history.csv"))
    let backward = try importAndAnalyse(
      reversed, history: Paths.repository("data/sample-en/stage_history.csv"))
    #expect(forward.range.total.p10 == backward.range.total.p10)
    #expect(forward.range.total.p50 == backward.range.total.p50)
    #expect(forward.range.total.p90 == backward.range.total.p90)
    #expect(forward.range.total.mean == backward.range.total.mean)
  }
}

/// The tiny fixture's figures worked out by hand (its README holds the arithmetic).
struct TinyFixtureHandTests {
  private func analysis() throws -> PipelineAnalysis {
    try importAndAnalyse(
      Paths.fixture("reference-tiny/opportunities.csv"),
      history: Paths.fixture("reference-tiny/stage_history.csv"))
  }

  @Test func populationIsOpenPlusClosedInWindow() throws {
    let counts = try analysis().counts
    // 7 open + 2 won + 5 lost; T08 closed before the window, T09 excluded.
    #expect(counts.population == 14)
    #expect(counts.open == 7)
    #expect(counts.excluded == 1)
    #expect(counts.closedBeforeWindow == 1)
  }

  @Test func fastTrackJumpSkipsMiddleStages() throws {
    let stages = try analysis().overallFunnel.stages
    // Stage 3: visited by T01 T02 T06 T11 T13 T14 T15; a(3) = 4 ÷ (7 − 2) = 4/5.
    #expect(stages[2].visited == 7)
    #expect(stages[2].advanceRate == 4.0 / 5.0)
    // Stage 7: T01 T03 T05 T12 T16; two won, T12 lost: p(7) = 2/3.
    #expect(stages[6].visited == 5)
    #expect(stages[6].winRate == 2.0 / 3.0)
    // Stage 1: 2 won of 7 resolved.
    #expect(stages[0].winRate == 2.0 / 7.0)
  }

  @Test func gradeCAtStageThreeShrinksTowardsTrack() throws {
    let table = try analysis().probabilities
    // C, stage 3: W/R = 0/1 in the grade, 0/1 in the fast track, 1/3 over all deals, m = 5:
    // p̃ = (0 + 5 · 1/3) / (1 + 5) = 5/18; p̂ = (0 + 5 · 5/18) / (1 + 5) = 25/108.
    expectClose(table.probability(grade: .c, stage: 3), 25.0 / 108.0, "p̂(C, 3)")
  }
}
