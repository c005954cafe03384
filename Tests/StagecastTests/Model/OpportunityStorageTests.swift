import Testing

@testable import Stagecast

/// The deal record's optional fields read back as written.
///
/// The record keeps its optional numbers and days without Swift's
/// optional tag. These checks pin that every value reads back as written,
/// and that the values nearest the markers for "none" are still values.
struct OpportunityStorageTests {
  @Test func unsetFieldsReadAsNone() {
    let deal = Opportunity.blankOpenDeal()
    #expect(deal.amountCents == nil)
    #expect(deal.ownerProbability == nil)
    #expect(deal.stageIndex == nil)
    #expect(deal.lostAtStage == nil)
    #expect(deal.createdOn == nil)
    #expect(deal.expectedCloseOn == nil)
    #expect(deal.closedOn == nil)
    #expect(deal.stageEnteredOn == nil)
  }

  @Test func zeroAndNegativeValuesAreValues() {
    var deal = Opportunity.blankOpenDeal()
    deal.amountCents = 0
    deal.ownerProbability = 0
    deal.createdOn = Day(daysSinceEpoch: 0)
    deal.closedOn = Day(daysSinceEpoch: -1)
    #expect(deal.amountCents == 0)
    #expect(deal.ownerProbability == 0)
    #expect(deal.createdOn == Day(daysSinceEpoch: 0))
    #expect(deal.closedOn == Day(daysSinceEpoch: -1))

    deal.amountCents = -12_345
    #expect(deal.amountCents == -12_345)
    deal.amountCents = Int64.min + 1
    #expect(deal.amountCents == Int64.min + 1)
  }

  @Test func valuesCanBeClearedAgain() {
    var deal = Opportunity.blankOpenDeal()
    deal.stageIndex = 7
    deal.lostAtStage = 1
    deal.ownerProbability = 0.4
    deal.expectedCloseOn = Day(iso: "2026-12-31")
    #expect(deal.stageIndex == 7)
    #expect(deal.lostAtStage == 1)
    #expect(deal.ownerProbability == 0.4)
    #expect(deal.expectedCloseOn?.isoString == "2026-12-31")

    deal.stageIndex = nil
    deal.lostAtStage = nil
    deal.ownerProbability = nil
    deal.expectedCloseOn = nil
    #expect(deal.stageIndex == nil)
    #expect(deal.lostAtStage == nil)
    #expect(deal.ownerProbability == nil)
    #expect(deal.expectedCloseOn == nil)
  }

  @Test func latestParsedDayIsAValue() throws {
    var deal = Opportunity.blankOpenDeal()
    let last = try #require(Day(iso: "9999-12-31"))
    deal.stageEnteredOn = last
    #expect(deal.stageEnteredOn == last)
  }

  @Test func missingExchangeRateKeepsItsCurrency() {
    var deal = Opportunity.blankOpenDeal()
    deal.notValuedReason = .noExchangeRate(currency: "USD")
    #expect(deal.notValuedReason == .noExchangeRate(currency: "USD"))
  }

  /// Two rows of one id collapse when their deals have the same values, so
  /// a change to any one field, the line aside, must tell them apart.
  @Test func sameValuesNoticeEveryField() {
    var base = Opportunity.blankOpenDeal()
    base.name = "Campus upgrade"
    base.account = "Acme"
    base.owner = "Ann"
    base.region = "East"
    base.product = "Suite"
    base.industry = "Retail"
    base.forecastCategory = "Commit"
    base.amountCents = 1_000_00
    base.ownerProbability = 0.4
    base.stageIndex = 2
    base.lostAtStage = 1
    base.createdOn = Day(iso: "2026-01-05")
    base.expectedCloseOn = Day(iso: "2026-06-30")
    base.closedOn = Day(iso: "2026-07-01")
    base.stageEnteredOn = Day(iso: "2026-02-01")
    base.recordedGrade = .b
    // Each change below must start from a value, not from none.
    #expect(
      [base.createdOn, base.expectedCloseOn, base.closedOn, base.stageEnteredOn].allSatisfy {
        $0 != nil
      })

    var movedLine = base
    movedLine.line = 99
    #expect(base.hasSameValues(as: base))
    #expect(base.hasSameValues(as: movedLine))

    let changes: [(String, (inout Opportunity) -> Void)] = [
      ("id", { $0.id = "B" }),
      ("name", { $0.name = "Campus upgrade 2" }),
      ("name cleared", { $0.name = nil }),
      ("account", { $0.account = "Acme Ltd" }),
      ("owner", { $0.owner = "Bob" }),
      ("region", { $0.region = "West" }),
      ("product", { $0.product = nil }),
      ("industry", { $0.industry = "Energy" }),
      ("forecast category", { $0.forecastCategory = "Pipeline" }),
      ("not valued", { $0.notValuedReason = .noExchangeRate(currency: "USD") }),
      ("amount", { $0.amountCents = 1_000_01 }),
      ("probability", { $0.ownerProbability = 0.5 }),
      ("probability cleared", { $0.ownerProbability = nil }),
      ("stage", { $0.stageIndex = 3 }),
      ("lost at", { $0.lostAtStage = nil }),
      ("created", { $0.createdOn = Day(iso: "2026-01-06") }),
      ("expected close", { $0.expectedCloseOn = nil }),
      ("closed", { $0.closedOn = Day(iso: "2026-07-02") }),
      ("stage entered", { $0.stageEnteredOn = Day(iso: "2026-02-02") }),
      ("status", { $0.status = .won }),
      ("led by partner", { $0.ledByPartner = true }),
      ("grade", { $0.recordedGrade = .c }),
    ]
    for (field, change) in changes {
      var changed = base
      change(&changed)
      #expect(!base.hasSameValues(as: changed), "\(field)")
      #expect(!changed.hasSameValues(as: base), "\(field)")
    }
  }

  /// The layout change was made for memory: 256 bytes a deal before it
  /// (MemoryLayout, Swift 6 on x86-64), a million deals held at once.
  ///
  /// With the one-byte fields moved last, 184 bytes: 183 of fields, rounded
  /// up to the 8-byte alignment of the strings and numbers. With the five
  /// labels as 4-byte numbers in place of 16-byte strings, 60 bytes fewer:
  /// 127 of fields, rounded up to 128.
  @Test func recordStaysCompact() {
    #expect(MemoryLayout<Opportunity>.stride <= 128)
  }

  /// Byte order of ids against the standard library's comparison of the
  /// UTF-8 views, for every pair of a list with prefixes, the empty text,
  /// Chinese ids, a long id and bytes above 0x7F against ASCII.
  @Test func byteOrderMatchesUTF8Views() {
    let ids = [
      "", "A", "AB", "B", "OPP-0000001", "OPP-0000010", "OPP-000001", "opp-1", "商机-1", "商机-2",
      "商", "é", "e\u{301}", "a-long-identifier-of-forty-bytes-0000001", "a-long-identifier",
    ]
    for left in ids {
      for right in ids {
        #expect(
          left.precedesByBytes(right) == left.utf8.lexicographicallyPrecedes(right.utf8),
          "\(left) < \(right)")
      }
    }
  }
}
