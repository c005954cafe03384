import Testing

@testable import Stagecast

struct OpportunityImporterTests {
  private func importText(_ text: String, config: String? = nil) throws -> ImportedOpportunities {
    let directory = try TemporaryDirectory()
    let path = try directory.write("export.csv", text)
    let configuration = try ConfigurationLoader.load(
      userJSON: config.map { Array($0.utf8) }, file: "test.json")
    return try OpportunityImporter(configuration: configuration).importOpportunities(from: path)
  }

  @Test func headersMapInChinese() throws {
    let imported = try importText(
      """
      商机编号,商机名称,客户名称,负责人,商机金额(万元),商机阶段,主导方,预计签约日期
      SJ-1,平台,甲公司,周立文,61.23,需求分析,合作伙伴主导,2026/12/5
      """)
    let deal = try #require(imported.opportunities.first)
    #expect(imported.mapping.amountScale == 4)
    #expect(deal.id == "SJ-1")
    #expect(deal.amountCents == 61_230_000)
    #expect(deal.stageIndex == 3)
    #expect(deal.ledByPartner)
    #expect(deal.expectedCloseOn == Day(year: 2026, month: 12, day: 5))
  }

  /// A probability cell of 110 digits is rejected and its row kept.
  ///
  /// The fuzzer wrote such a cell, and it stopped the import with an arithmetic
  /// overflow. Read by `Double`, it is far above 100, so the row is kept and
  /// the cell rejected, as `250` would be.
  @Test func longProbabilityIsRejected() throws {
    let digits = String(repeating: "6", count: 110)
    let imported = try importText(
      """
      id,stage,amount,probability
      1,Needs Analysis,100,\(digits)
      2,Needs Analysis,200,40
      """)
    #expect(imported.opportunities.count == 2)
    #expect(imported.opportunities[0].ownerProbability == nil)
    #expect(imported.opportunities[1].ownerProbability == 0.4)
    let reject = try #require(imported.rejects.first)
    #expect(imported.rejects.count == 1)
    #expect(reject.line == 2)
    #expect(reject.reason == .invalidProbability)
    #expect(reject.isRowKept)
  }

  @Test func statusColumnBeatsStage() throws {
    let imported = try importText(
      """
      Deal - ID,Deal - Stage,Deal - Status,Deal - Value
      1,Needs Analysis,Lost,100
      2,Closed Won,Open,200
      3,Bidding,Won,300
      """)
    let deals = imported.opportunities
    #expect(deals.map(\.status) == [.lost, .open, .won])
    // A lost deal's stage is where it was lost when the status is explicit.
    #expect(deals[0].lostAtStage == 3)
  }

  @Test func emptyMarkersReadAsMissing() throws {
    let imported = try importText(
      """
      id,stage,amount,expected_close_on,owner
      1,Validate,NULL,N/A,?
      """)
    let deal = try #require(imported.opportunities.first)
    #expect(deal.amountCents == nil)
    #expect(deal.notValuedReason == .missingAmount)
    #expect(deal.expectedCloseOn == nil)
    #expect(deal.owner == nil)
    #expect(imported.rejects.isEmpty)
  }

  @Test func unknownStageRejectsRowWithLine() throws {
    let imported = try importText(
      """
      id,stage,amount
      1,Validate,10
      2,Proposal Sent,20
      """)
    #expect(imported.opportunities.count == 1)
    #expect(
      imported.rejects == [
        RejectedRow(
          file: imported.file, line: 3, column: "stage", value: "Proposal Sent",
          reason: .unknownStage, isRowKept: false, columnNumber: 2)
      ])
  }

  @Test func unreadableAmountKeepsRow() throws {
    let imported = try importText(
      """
      id,stage,amount
      1,Validate,"1,23,4"
      """)
    #expect(imported.opportunities.count == 1)
    #expect(imported.opportunities[0].notValuedReason == .invalidAmount)
    #expect(imported.rejects.first?.reason == .invalidDigitGrouping)
    #expect(imported.rejects.first?.isRowKept == true)
    #expect(imported.rejects.first?.line == 2)
  }

  @Test func repeatedIDWithSameFieldsCollapses() throws {
    let imported = try importText(
      """
      id,stage,amount,contact
      7,Validate,10,Ann
      7,Validate,10,Bob
      """)
    // The contact column maps to no field, so both rows are the same deal.
    #expect(imported.opportunities.count == 1)
    #expect(imported.collapsedDuplicateRows == 1)
  }

  @Test func repeatedIDWithDifferentFieldsRejectsAll() throws {
    let imported = try importText(
      """
      id,stage,amount
      7,Validate,10
      8,Approve,20
      7,Validate,99
      """)
    #expect(imported.opportunities.map(\.id) == ["8"])
    #expect(imported.rejects.map(\.line) == [2, 4])
    #expect(imported.rejects[0].reason == .conflictingDuplicateID(otherLines: [4]))
    #expect(imported.rejects[1].reason == .conflictingDuplicateID(otherLines: [2]))
  }

  /// Repeated rows collapse only when they read as the same deal.
  ///
  /// Rows that differ by one character, by a byte moved across a cell
  /// border, or past the eighth byte of a long cell are different deals.
  /// The same row again, its unmapped column or the spaces around a cell
  /// aside, is the same deal, and so is an amount written with or without
  /// grouping: the deal's value is the same.
  @Test(arguments: [
    ("7,Acme Ltd ,Beijing,10,Ann", "7, Acme Ltd,Beijing,10,Ann", true),
    ("7,Acme Ltd,Beijing,10,Ann", "7,Acme Ltd,Beijing,10,Bob", true),
    ("7,Acme Ltd,Beijing,10,Ann", "7,Acme Ltd,Beijing,11,Ann", false),
    ("7,Acme Ltd,Beijing,10,Ann", "7,Acme Lt,dBeijing,10,Ann", false),
    ("7,Acme Holdings Ltd,Beijing,10,Ann", "7,Acme Holdings Ltc,Beijing,10,Ann", false),
    ("7,Acme Ltd,Beijing,\"1,000\",Ann", "7,Acme Ltd,Beijing,1000,Ann", true),
    ("7,Acme Ltd,Beijing,10,Ann", "7,Acme Ltd,,10,Ann", false),
  ])
  func repeatedRowsCollapseOnlyWhenTheirFieldsAgree(first: String, second: String, same: Bool)
    throws
  {
    let imported = try importText(
      "id,name,account,amount,contact,stage\n\(first),Validate\n\(second),Validate\n")
    #expect(imported.collapsedDuplicateRows == (same ? 1 : 0), "\(second)")
    #expect(imported.opportunities.count == (same ? 1 : 0), "\(second)")
  }

  /// Repeated rows compare dates by the day they name.
  ///
  /// A date whose day–month order waits for the rest of its column compares
  /// by its numbers as written, so 5/8/2025 against 8/5/2025 is a conflict
  /// whichever order wins.
  @Test(arguments: [
    ("2025-05-08", "2025/5/8", true),
    ("2025-05-08", "2025-05-09", false),
    ("5/8/2025", "5/8/2025", true),
    ("5/8/2025", "8/5/2025", false),
    ("5/8/2025", "", false),
  ])
  func repeatedRowsCompareDatesByDay(first: String, second: String, same: Bool) throws {
    let imported = try importText(
      "id,stage,amount,created\n7,Validate,10,\(first)\n7,Validate,10,\(second)\n")
    #expect(imported.collapsedDuplicateRows == (same ? 1 : 0), "\(first) \(second)")
    #expect(imported.opportunities.count == (same ? 1 : 0), "\(first) \(second)")
  }

  /// A repeated row is read in full before its id is looked up, then taken
  /// back: its bad cells add no reject, and its ambiguous date does not land
  /// on the deal read after it.
  @Test func repeatedRowLeavesNoTrace() throws {
    let imported = try importText(
      "id,stage,grade,created_on\n7,Validate,A,05/06/2025\n7,Validate,A,05/06/2025\n"
        + "8,Validate,B,2025-01-02\n9,Validate,A,2025-01-03\n9,Validate,Q,2025-01-03\n")
    #expect(imported.collapsedDuplicateRows == 1)
    #expect(imported.opportunities.map(\.id) == ["7", "8"])
    #expect(imported.opportunities[1].createdOn == Day(year: 2025, month: 1, day: 2))
    #expect(imported.rejects.map(\.line) == [5, 6])
    #expect(imported.rejects.allSatisfy { $0.reason != .invalidGrade })
  }

  @Test func historyOfADroppedDuplicateCountsAsUnknown() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "export.csv", "id,stage,amount\n7,Validate,10\n8,Approve,20\n7,Validate,99\n9,Approve,5\n")
    let history = try directory.write(
      "history.csv",
      "opportunity_id,stage,entered_on\n7,Validate,2026-01-02\n9,Validate,2026-01-03\n"
        + "9,Approve,2026-02-03\n8,Validate,2026-01-04\n")
    let configuration = ConfigurationLoader.defaultConfiguration()
    let imported = try OpportunityImporter(configuration: configuration)
      .importOpportunities(from: export)
    let rows = try HistoryImporter(configuration: configuration).readHistory(from: history)

    // Deal 7 is dropped, so 8 and 9 move to positions 0 and 1. Matched
    // through the export's own id index or through a table of the deals' ids,
    // the entries land on the same deals and 7's row is unknown.
    let throughIndex = rows.matched(to: try #require(imported.idIndex))
    let throughDeals = rows.matched(to: imported.opportunities)
    for matched in [throughIndex, throughDeals] {
      #expect(matched.history.unknownOpportunityRows == 1)
      #expect(matched.history.entries.map(\.opportunity) == [1, 1, 0])
    }
  }

  @Test func missingStageAndStatusIsError() {
    #expect {
      try importText("id,amount\n1,10\n")
    } throws: { error in
      guard case .missingColumn(_, let key, let headers)? = error as? ImportError else {
        return false
      }
      return key == "columns.stage" && headers == ["id", "amount"]
    }
  }

  @Test func explicitColumnWins() throws {
    let imported = try importText(
      """
      OpprId;Potential;Phase
      5;1,000;Approve
      """,
      config: #"{"columns": {"id": "OpprId", "amount": "Potential"}}"#)
    #expect(imported.opportunities.first?.amountCents == 100_000)
    #expect(imported.opportunities.first?.stageIndex == 2)
  }

  @Test func twoCandidateColumnsAreAnError() {
    #expect {
      try importText("id,Stage,Sales Stage\n1,Validate,Approve\n")
    } throws: { error in
      guard case .duplicateColumn(_, let key, let columns)? = error as? ImportError else {
        return false
      }
      return key == "columns.stage" && columns == ["Stage", "Sales Stage"]
    }
  }

  @Test func closeDateMeansActualForClosedDeals() throws {
    let imported = try importText(
      """
      Opportunity ID,Stage,Amount,Close Date
      1,Closed Won,10,2025-05-31
      2,Validate,20,2025-07-01
      """)
    #expect(imported.opportunities[0].closedOn == Day(year: 2025, month: 5, day: 31))
    #expect(imported.opportunities[1].closedOn == nil)
    #expect(imported.opportunities[1].expectedCloseOn == Day(year: 2025, month: 7, day: 1))
  }

  @Test func probabilityScaleFollowsColumn() throws {
    let percent = try importText(
      "id,stage,probability\n1,Validate,40\n2,Validate,0\n3,Validate,0.5\n")
    #expect(percent.opportunities.map(\.ownerProbability) == [0.4, 0, 0.005])
    let fractions = try importText("id,stage,probability\n1,Validate,0.4\n2,Validate,1\n")
    #expect(fractions.opportunities.map(\.ownerProbability) == [0.4, 1])
  }

  @Test func currencyWithoutRateIsNotValued() throws {
    let imported = try importText(
      "id,stage,amount,currency\n1,Validate,100,USD\n2,Validate,100,人民币\n3,Validate,100,EUR\n",
      config: #"{"currency": {"rates": {"USD": 7.1}}}"#)
    #expect(imported.opportunities.map(\.amountCents) == [71_000, 10_000, nil])
    #expect(imported.opportunities[2].notValuedReason == .noExchangeRate(currency: "EUR"))
    #expect(imported.rejects.first?.reason == .missingExchangeRate(currency: "EUR"))
  }

  @Test func conflictReachesRowsThatMatchedFirst() throws {
    let imported = try importText(
      """
      id,stage,amount
      X,Validate,100
      X,Validate,100
      X,Validate,200
      X,Validate,100
      """)
    #expect(imported.opportunities.isEmpty)
    #expect(imported.collapsedDuplicateRows == 0)
    #expect(imported.rejects.map(\.line) == [2, 3, 4, 5])
    #expect(imported.rejects[0].reason == .conflictingDuplicateID(otherLines: [3, 4, 5]))
  }

  @Test func currencyInCellConverts() throws {
    let imported = try importText(
      "id,stage,amount\n1,Validate,$100\n2,Validate,€100\n3,Validate,¥100\n",
      config: #"{"currency": {"rates": {"USD": 7}}}"#)
    #expect(imported.opportunities.map(\.amountCents) == [70_000, nil, 10_000])
    #expect(imported.rejects.map(\.reason) == [.missingExchangeRate(currency: "EUR")])
    #expect(imported.rejects.first?.column == "amount")
  }

  @Test func currencyInHeaderConverts() throws {
    let imported = try importText(
      "id,stage,Amount (USD)\n1,Validate,100\n", config: #"{"currency": {"rates": {"USD": 7}}}"#)
    #expect(imported.opportunities.first?.amountCents == 70_000)
  }

  @Test func outcomeStageOnOpenDealIsFlagged() throws {
    let imported = try importText("id,stage,status\n1,Closed Won,Open\n")
    #expect(imported.opportunities.first?.status == .open)
    #expect(imported.rejects.first?.reason == .outcomeStageOnOpenDeal)
    #expect(imported.rejects.first?.isRowKept == true)
  }

  @Test func emptyExportIsAnError() throws {
    for text in ["", "\n\n"] {
      #expect {
        try importText(text)
      } throws: { error in
        guard case .empty(let file)? = error as? ImportError else { return false }
        let message = (error as? ImportError)?.message(language: .en) ?? ""
        return message
          == "\(file): error: file is empty: no header line. Export the file again with its header line."
      }
    }
  }

  @Test func footerAfterBlankLineIsSkipped() throws {
    let imported = try importText(
      "id,stage,amount\n1,Validate,10\n\nPipeline report\nGenerated 2025-06-30\n")
    #expect(imported.opportunities.count == 1)
    #expect(imported.footerLines == [4, 5])
    #expect(imported.rejects.isEmpty)
  }

  @Test func oneCellRowsFollowedByDataAreRows() throws {
    let imported = try importText("id,stage,amount\n1,Validate,10\n\n2\n3,Approve,20\n")
    #expect(imported.footerLines.isEmpty)
    #expect(imported.opportunities.map(\.id) == ["1", "3"])
    #expect(imported.rejects.map(\.line) == [4])
    #expect(imported.rejects.first?.reason == .fieldCount(found: 1, expected: 3))
  }

  @Test(arguments: [
    (
      "Opportunity ID,Opportunity Name,Stage,Amount,Close Date,Probability (%)",
      SourceProfile.salesforce
    ),
    ("Record ID,Deal Name,Deal Stage,Amount,Close Date", .hubspot),
    ("Deal - ID,Deal - Title,Deal - Stage,Deal - Status", .pipedrive),
    ("Opportunity,Customer,Expected Revenue,Stage,Expected Closing", .odoo),
    ("(Do Not Modify) Opportunity,Topic,Est. revenue,Status", .dynamics365),
    ("编号,商机名称,商机状态,结束状态,商机总金额", .yudao),
    ("商机名称,商机金额,商机阶段,预计成交日期,商机状态组", .wukong),
    ("商机名称,商机状态,销售阶段,商机金额", .fxiaoke),
    ("id,stage,amount", .generic),
  ])
  func profileFollowsHeaders(_ header: String, _ profile: SourceProfile) {
    #expect(SourceProfile.detect(headers: header.split(separator: ",").map(String.init)) == profile)
  }

  @Test func yudaoEndStatusCodes() throws {
    let imported = try importText(
      "编号,商机状态,结束状态,商机总金额\n1,需求分析,,100\n2,需求分析,1,100\n3,价值呈现,2,100\n4,验证商机,3,100\n")
    #expect(imported.profile == .yudao)
    #expect(imported.opportunities.map(\.status) == [.open, .won, .lost, .excluded])
    #expect(imported.opportunities[2].lostAtStage == 4)
  }

  @Test func expectedRevenueAloneIsAmbiguous() {
    #expect {
      try importText("id,stage,Expected Revenue\n1,Validate,100\n")
    } throws: { error in
      guard case .ambiguousColumn(_, let header, _, let keys)? = error as? ImportError else {
        return false
      }
      return header == "Expected Revenue" && keys == ["amount"]
    }
  }

  @Test func statusHeaderDecidedByValues() throws {
    let imported = try importText("编号,商机阶段,商机状态,商机金额\n1,需求分析,进行中,100\n2,价值呈现,赢单,200\n")
    #expect(imported.opportunities.map(\.status) == [.open, .won])
  }

  @Test func hubspotDateEnteredColumnsGiveHistory() throws {
    let imported = try importText(
      #"""
      Record ID,Deal Name,Deal Stage,Amount,Close Date,"Date entered ""Validate (Sales Pipeline)""","Date entered ""Bidding (Sales Pipeline)""","Date entered ""Closed Won (Sales Pipeline)""",Time in 'Approve (Sales Pipeline)'
      1,A,Bidding,100,2026-12-01,2026-01-05,2026-03-01,,0
      2,B,Closed Won,200,2026-02-01,2026-01-06,,2026-02-01,00:10:00
      """#)
    let history = try #require(imported.stageHistory)
    let entries = history.entries.map {
      ($0.opportunity, $0.stage, $0.hasDate ? $0.enteredOn.isoString : "undated")
    }
    #expect(entries.map(\.0) == [0, 0, 1, 1])
    #expect(entries.map(\.1) == [1, 6, 1, 2])
    #expect(entries.map(\.2) == ["2026-01-05", "2026-03-01", "2026-01-06", "undated"])
  }

  @Test func chineseAndConfiguredStageColumns() throws {
    let imported = try importText(
      """
      商机编号,商机阶段,商机金额,商机立项进入日期,Approved
      1,需求分析,100,2026/3/2,
      2,需求分析,100,,2026-04-01
      """,
      config: #"{"history": {"stageColumns": {"needs": "Approved"}}}"#)
    let entries = try #require(imported.stageHistory).entries
    #expect(entries.map(\.stage) == [2, 3])
    #expect(entries.map(\.enteredOn.isoString) == ["2026-03-02", "2026-04-01"])
  }

  @Test func shiftedRowIsRejectedWithFieldCount() throws {
    let imported = try importText(
      "id,name,stage,amount\n1,Acme, Inc renewal,Validate,500\n2,Beta,Validate,10,\n")
    #expect(imported.opportunities.map(\.id) == ["2"])
    #expect(imported.rejects.first?.reason == .fieldCount(found: 5, expected: 4))
    #expect(imported.rejects.first?.line == 2)
  }

  @Test func statusColumnOfStageNamesIsTheStage() throws {
    // No stage column, and every Status value is a stage or an outcome word.
    let imported = try importText(
      "id,Status,amount\n1,Needs Analysis,10\n2,Closed Won,20\n3,Bidding,30\n")
    #expect(imported.opportunities.map(\.stageIndex) == [3, nil, 6])
    #expect(imported.opportunities.map(\.status) == [.open, .won, .open])
    #expect(imported.rejects.isEmpty)
  }

  @Test func statusColumnOfOutcomesStaysStatus() throws {
    let imported = try importText("id,Stage,Status,amount\n1,Validate,Open,10\n2,Approve,Won,20\n")
    #expect(imported.opportunities.map(\.status) == [.open, .won])
  }
}
