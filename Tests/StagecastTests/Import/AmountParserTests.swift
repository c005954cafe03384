import Testing

@testable import Stagecast

struct AmountParserTests {
  /// The amount formats of Chinese sales sheets; expected cents worked out by hand.
  @Test(arguments: [
    ("1,200,000.00", Int64(120_000_000)),
    ("¥120万", 120_000_000),
    ("120.5万元", 120_500_000),
    ("￥1,020.00", 102_000),
    ("RMB 35,000", 3_500_000),
    ("0.05亿", 500_000_000),
    ("RMB 1.2M", 120_000_000),
    ("１２３４５", 1_234_500),
    ("612000.00", 61_200_000),
    ("-1,500", -150_000),
    ("+500", 50_000),
    ("(2,000.50)", -200_050),
    ("$ 19,004.75", 1_900_475),
  ])
  func amountReadsDisplayFormats(_ text: String, _ cents: Int64) throws {
    #expect(try AmountParser.cents(text) == cents)
  }

  @Test func amountRejectsBrokenGrouping() {
    #expect(throws: AmountParser.Failure.invalidGrouping) { try AmountParser.cents("1,23,4") }
    #expect(throws: AmountParser.Failure.invalidGrouping) { try AmountParser.cents("12,34.5") }
    #expect(throws: AmountParser.Failure.invalidGrouping) { try AmountParser.cents("1234,567") }
  }

  @Test func amountRejectsText() {
    #expect(throws: AmountParser.Failure.notANumber) { try AmountParser.cents("about 5k?") }
    #expect(throws: AmountParser.Failure.notANumber) { try AmountParser.cents("1.2.3") }
  }

  /// `61.23` in a 万元 column is 612,300.00 exactly, as the en file writes it.
  @Test func amountHeaderScaleIsExact() throws {
    #expect(try AmountParser.cents("61.23", headerScale: 4) == 61_230_000)
    #expect(try AmountParser.cents("0.01", headerScale: 4) == 10_000)
    // A unit in the cell wins over the header's.
    #expect(try AmountParser.cents("1亿", headerScale: 4) == 10_000_000_000)
  }

  @Test func amountRoundsBeyondCents() throws {
    #expect(try AmountParser.cents("1.005") == 101)
    #expect(try AmountParser.cents("1.004") == 100)
  }
}
