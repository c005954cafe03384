import Testing

@testable import Stagecast

struct ComparisonTests {
  /// Two exports a month apart in which every movement happens once.
  @Test func waterfallBucketsAddUp() throws {
    let directory = try TemporaryDirectory()
    let header = "id,owner,amount,stage,created_on,expected_close_on,closed_on\n"
    let previous = try directory.write(
      "previous.csv",
      header + """
        KEEP,Li,100,validate,2026-09-01,2026-12-01,
        GROW,Li,200,validate,2026-09-01,2026-12-01,
        SHRINK,Li,300,approve,2026-09-01,2026-12-01,
        PUSH,Li,400,validate,2026-09-01,2027-01-01,
        PULL,Li,500,validate,2026-09-01,2027-12-01,
        WIN,Li,600,approve,2026-09-01,2026-11-15,
        LOSE,Li,700,approve,2026-09-01,2026-11-15,
        GONE,Li,800,validate,2026-09-01,2026-12-01,

        """)
    let current = try directory.write(
      "current.csv",
      header + """
        KEEP,Li,100,approve,2026-09-01,2026-12-01,
        GROW,Li,250,validate,2026-09-01,2026-12-01,
        SHRINK,Li,280,validate,2026-09-01,2026-12-01,
        PUSH,Li,400,validate,2026-09-01,2027-08-01,
        PULL,Li,550,validate,2026-09-01,2027-02-01,
        WIN,Li,600,Closed Won,2026-09-01,2026-11-15,2026-11-20
        LOSE,Li,700,Closed Lost,2026-09-01,2026-11-15,2026-11-21
        NEW,Li,900,validate,2026-11-05,2026-12-20,

        """)
    let configuration = ConfigurationLoader.defaultConfiguration()
    let importer = OpportunityImporter(configuration: configuration)
    let comparison = Comparison.compare(
      previous: try importer.importOpportunities(from: previous).opportunities,
      previousAsOf: try #require(Day(iso: "2026-10-31")),
      current: try importer.importOpportunities(from: current).opportunities,
      currentAsOf: try #require(Day(iso: "2026-11-30")), configuration: configuration)

    // By hand, the pipeline ends on 2027-04-30 (six months, November to April).
    // Start: every previous deal but PULL (2027-12): 100+200+300+400+600+700+800 = 3,100.
    #expect(comparison.windowEnd.isoString == "2027-04-30")
    #expect(comparison.amount(.start) == 3_100)
    #expect(comparison.amount(.new) == 900)
    // PULL came in at its previous 500 and grew by 50.
    #expect(comparison.amount(.pulledIn) == 500)
    #expect(comparison.amount(.increased) == 50 + 50)  // GROW +50, PULL +50
    #expect(comparison.amount(.decreased) == -20)  // SHRINK
    #expect(comparison.amount(.pushedOut) == -400)  // PUSH to 2027-08
    #expect(comparison.amount(.won) == -600)
    #expect(comparison.amount(.lost) == -700)
    #expect(comparison.amount(.excluded) == -800)  // GONE left the export
    // End: KEEP 100 + GROW 250 + SHRINK 280 + PULL 550 + NEW 900 = 2,080.
    #expect(comparison.amount(.end) == 2_080)
    let movements = WaterfallBucket.allCases.filter { !$0.isLevel }
      .reduce(0.0) { $0 + comparison.amount($1) }
    #expect(comparison.amount(.start) + movements == comparison.amount(.end))

    // KEEP advanced to approve, SHRINK moved back to validate.
    #expect(comparison.advanced == 1)
    #expect(comparison.movedBack == 1)
    // PULL moved 303 days earlier and PUSH 212 days later.
    #expect(comparison.slipped.map(\.id) == ["PULL", "PUSH"])
    #expect(comparison.slipped.map(\.days) == [-303, 212])
  }
}
