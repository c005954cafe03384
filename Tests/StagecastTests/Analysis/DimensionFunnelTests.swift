import Testing

@testable import Stagecast

struct DimensionFunnelTests {
  @Test func eachOwnerGetsItsOwnFunnel() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      W1,Ann,100,Closed Won,C,2026-08-01,2026-10-05,2026-10-05,
      L1,Ann,10,Closed Lost,C,2026-08-01,2026-09-01,2026-09-01,validate
      O1,Bob,50,approve,C,2026-10-01,2026-12-10,,
      N1,,70,validate,C,2026-10-01,2026-12-10,,

      """)
    let analysis = try importAndAnalyse(export, asOf: "2026-11-30")
    let owners = analysis.dimensionFunnels.filter {
      if case .dimension(.owner, _) = $0.population { return true }
      return false
    }

    // Worked out by hand. Without history a deal visited every stage up to
    // its furthest: W1 all seven, L1 stage 1 (lost there), O1 stages 1 and 2,
    // N1 stage 1. The deal without an owner comes first.
    #expect(owners.map(\.population.key) == ["owner:", "owner:Ann", "owner:Bob"])
    let ann = owners[1].stages
    #expect(ann[0].visited == 2)
    #expect(ann[0].won == 1)
    #expect(ann[0].lost == 1)
    expectClose(ann[0].winRate, 0.5, "Ann wins one of two from stage 1")
    // W1 went on from stage 1 and L1 did not; neither is open.
    expectClose(ann[0].advanceRate, 0.5, "Ann's advance from stage 1")
    let bob = owners[2].stages
    #expect(bob[0].advanced == 1)
    #expect(bob[1].censored == 1)
    #expect(bob[1].advanceRate == nil)
    #expect(owners[0].stages[0].censored == 1)
  }

  /// One owner spelled two ways stays one owner.
  ///
  /// An owner written composed (José, é as one character) and decomposed (e
  /// and a combining accent) is one owner: Swift's `String` treats the two as
  /// equal, and the index numbers texts by their bytes first. Values keep the
  /// order they first appear in, the missing owner among them.
  @Test func ownerSpelledTwoWaysIsOneOwner() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv",
      """
      id,owner,amount,stage,grade,created_on,expected_close_on,closed_on,lost_at_stage
      A1,Jos\u{E9},100,validate,C,2026-10-01,2026-12-10,,
      A2,,50,validate,C,2026-10-01,2026-12-10,,
      A3,Jose\u{301},70,approve,C,2026-10-01,2026-12-10,,
      A4,Ann,20,validate,C,2026-10-01,2026-12-10,,

      """)
    let analysis = try importAndAnalyse(export, asOf: "2026-11-30")
    let index = DimensionIndex(states: analysis.states, opportunities: analysis.opportunities)
    let owners = index.values[BreakdownDimension.allCases.firstIndex(of: .owner) ?? 0]

    #expect(owners.count == 3)
    #expect(owners[0] == "Jos\u{E9}")
    #expect(owners[1] == nil)
    #expect(owners[2] == "Ann")
    let numbers = index.numbers[BreakdownDimension.allCases.firstIndex(of: .owner) ?? 0]
    #expect(numbers == [0, 1, 0, 2])
  }
}
