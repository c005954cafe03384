import Testing

@testable import Stagecast

struct SnapshotStoreTests {
  private func deal(_ id: String, cents: Int64?, close: String?) -> Opportunity {
    var deal = Opportunity(
      id: id, line: 2, status: .open, stageIndex: 3, ledByPartner: false)
    deal.owner = "李雷"
    deal.amountCents = cents
    deal.recordedGrade = .b
    deal.expectedCloseOn = close.flatMap(Day.init(iso:))
    return deal
  }

  @Test func storedDealsComeBackAsTheyWere() throws {
    let directory = try TemporaryDirectory()
    let store = try SnapshotStore(path: directory.path + "/store.sqlite")
    let november = try #require(Day(iso: "2026-11-30"))
    let deals = [deal("A", cents: 12_345, close: "2026-12-15"), deal("B", cents: nil, close: nil)]

    #expect(try store.add(deals, asOf: november, source: "generic|id=id") == .added(deals: 2))
    let back = try store.opportunities(asOf: november)
    #expect(back.map(\.id) == ["A", "B"])
    #expect(back[0].amountCents == 12_345)
    #expect(back[0].owner == "李雷")
    #expect(back[0].recordedGrade == .b)
    #expect(back[0].stageIndex == 3)
    #expect(back[0].expectedCloseOn?.isoString == "2026-12-15")
    #expect(back[1].amountCents == nil)
    #expect(try store.snapshots() == [StoredSnapshot(asOf: november, deals: 2)])
  }

  @Test func sameExportTwiceChangesNothingAndAnotherIsRefused() throws {
    let directory = try TemporaryDirectory()
    let store = try SnapshotStore(path: directory.path + "/store.sqlite")
    let november = try #require(Day(iso: "2026-11-30"))
    let deals = [deal("A", cents: 100, close: "2026-12-15")]
    _ = try store.add(deals, asOf: november, source: "s")

    #expect(try store.add(deals, asOf: november, source: "s") == .alreadyStored)
    let changed = [deal("A", cents: 200, close: "2026-12-15")]
    #expect(throws: SnapshotError.self) { try store.add(changed, asOf: november, source: "s") }
    let other = try #require(Day(iso: "2026-12-31"))
    #expect(throws: SnapshotError.self) { try store.add(deals, asOf: other, source: "another CRM") }
    // Nothing of the refused exports was written.
    #expect(try store.opportunities(asOf: november).first?.amountCents == 100)
    #expect(try store.snapshots().count == 1)
  }

  @Test func failedAddLeavesTheStoreAsItWas() throws {
    let directory = try TemporaryDirectory()
    let store = try SnapshotStore(path: directory.path + "/store.sqlite")
    let november = try #require(Day(iso: "2026-11-30"))
    // A repeated id breaks the primary key on the second row, after the first
    // was inserted: the transaction must take the first one back too.
    let broken = [deal("A", cents: 1, close: nil), deal("A", cents: 2, close: nil)]
    #expect(throws: SnapshotError.self) { try store.add(broken, asOf: november, source: "s") }
    #expect(try store.snapshots().isEmpty)
    #expect(try store.opportunities(asOf: november).isEmpty)
  }

  @Test func reopenedStoreKeepsItsSchemaAndSnapshots() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/store.sqlite"
    let november = try #require(Day(iso: "2026-11-30"))
    _ = try SnapshotStore(path: path).add(
      [deal("A", cents: 1, close: nil)], asOf: november, source: "s")
    let reopened = try SnapshotStore(path: path)
    #expect(try reopened.snapshots().map(\.deals) == [1])
    #expect(try reopened.remove(asOf: november))
    #expect(try !reopened.remove(asOf: november))
  }
}
