import Testing

@testable import Stagecast

struct TargetTests {
  private func sample(config: String) throws -> PipelineAnalysis {
    try importAndAnalyse(
      Paths.repository("data/sample-en/opportunities.csv"),
      history: Paths.repository("data/sample-en/stage_history.csv"), configJSON: config)
  }

  /// Forecast figures of the sample from the DuckDB reference (forecast.csv):
  /// 2026-11 won 4,664,000 with no open deal due; 2026-12 pipeline 6,279,100,
  /// expected 1,298,042.2344318249.
  @Test func gapAndCoverageFollowTargets() throws {
    let analysis = try sample(config: #"{"targets": {"2026-11": 10000000, "2026-12": 5000000}}"#)
    let months = analysis.targets.months
    #expect(
      months.map(\.month) == [
        Day(iso: "2026-11-01")!.monthNumber, Day(iso: "2026-12-01")!.monthNumber,
      ])
    expectClose(months[0].gap, 10_000_000 - 4_664_000, "November gap")
    expectClose(months[0].coverage, 0, "November coverage: no open deal due")
    expectClose(months[1].gap, 5_000_000 - 1_298_042.2344318249, "December gap")
    expectClose(months[1].coverage, 6_279_100.0 / 5_000_000, "December coverage")
    // Win rate from the first stage: 54 won of 231 resolved (funnel.csv, all, stage 1).
    expectClose(analysis.targets.requiredCoverage, 231.0 / 54.0, "required coverage")
  }

  @Test func targetKeyMustBeAMonth() {
    #expect {
      try ConfigurationLoader.load(
        userJSON: Array(#"{"targets": {"November": 5}}"#.utf8), file: "t.json")
    } throws: { error in
      (error as? ConfigurationError)?.key == "targets.November"
    }
  }

  @Test func ownersCallSumsOwnProbabilities() throws {
    // Python over the raw opportunities.csv: the 22 rows whose stage is no outcome word,
    // sum(float(amount) * float(probability) / 100) = 5,828,420.
    let analysis = try sample(config: "{}")
    let total = analysis.forecast.lines.reduce(0.0) { $0 + $1.total.ownerExpected }
    let deals = analysis.forecast.lines.reduce(0) { $0 + $1.total.dealsWithOwnerProbability }
    #expect(deals == 22)
    expectClose(total, 5_828_420, "owners' call")
  }
}

struct BreakdownTests {
  /// Checks the owner breakdown against Python over the raw sample.
  ///
  /// Python took, for each owner, the open rows (stage no outcome word) and the
  /// Closed Won / Closed Lost rows with 2024-11-30 < closed_on ≤ 2026-11-30. The largest
  /// pipeline is Owner 0017: 4 open deals, 8,183,000; 4 won (3,580,000) and 23 lost.
  @Test func ownerWithLargestPipelineFirst() throws {
    let analysis = try importAndAnalyse(
      Paths.repository("data/sample-en/opportunities.csv"),
      history: Paths.repository("data/sample-en/stage_history.csv"))
    let owners = try #require(analysis.breakdowns.rows[.owner])
    #expect(owners.count == 20)
    let first = try #require(owners.first)
    #expect(first.value == "Owner 0017")
    #expect(first.openDeals == 4)
    expectClose(first.pipeline, 8_183_000, "pipeline")
    #expect(first.won == 4)
    #expect(first.lost == 23)
    expectClose(first.wonAmount, 3_580_000, "won amount")
    expectClose(first.winRate, 4.0 / 27.0, "win rate")
  }
}
