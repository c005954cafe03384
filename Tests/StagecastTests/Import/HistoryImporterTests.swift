import Testing

@testable import Stagecast

/// Outcome rows of a stage history: counted beside an export, and the
/// source of the deals' outcomes when the history is the only file.
struct HistoryImporterTests {
  /// Three deals: 1 enters two stages and is won, 2 enters one stage and
  /// stays open, 3 appears only in a lost row.
  private static let history = """
    opportunity_id,stage,entered_on
    1,Validate,2026-01-05
    2,Validate,2026-01-07
    1,Approve,2026-02-01
    1,Closed Won,2026-03-10
    3,Closed Lost,2026-03-12

    """

  @Test func outcomeRowsOnlyCounted() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("history.csv", Self.history)
    let rows = try HistoryImporter(configuration: ConfigurationLoader.defaultConfiguration())
      .readHistory(from: path)

    // The export decides outcomes, so nothing of the two outcome rows is
    // kept but their count, and no first line is kept for a deal to come.
    #expect(rows.history.outcomeRows == 2)
    #expect(rows.outcomes.isEmpty)
    #expect(rows.firstLines.isEmpty)
    #expect(rows.entries.map(\.stage) == [1, 1, 2])
  }

  @Test func historyDealsTakeOutcomeRows() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("history.csv", Self.history)
    let (deals, history) = try HistoryImporter(
      configuration: ConfigurationLoader.defaultConfiguration()
    )
    .derivedDeals(from: path)

    // Read off the rows above: ids in order of first row, the line of that
    // row, the first entry's date as creation, the outcome row's date as close.
    #expect(deals.map(\.id) == ["1", "2", "3"])
    #expect(deals.map(\.line) == [2, 3, 6])
    #expect(deals.map(\.status) == [.won, .open, .lost])
    #expect(deals.map(\.stageIndex) == [2, 1, nil])
    #expect(deals[0].createdOn == Day(year: 2026, month: 1, day: 5))
    #expect(deals[0].closedOn == Day(year: 2026, month: 3, day: 10))
    #expect(deals[2].closedOn == Day(year: 2026, month: 3, day: 12))
    #expect(history.history.outcomeRows == 2)
    #expect(history.history.entries.map(\.opportunity) == [0, 1, 0])
  }
}
