import Foundation
import Testing

@testable import Stagecast

/// The second-thread tokenizer against the one-thread reader.
///
/// Large exports are tokenized on a second thread ahead of the import.
/// Whatever the file holds, that path must hand over the same records, in
/// the same order, with the same lines and failures as the one-thread path,
/// which the other reader tests pin down.
struct TokenizeAheadTests {
  private func read(_ path: String, ahead: Bool, stopAfter: Int? = nil) -> ReadOutcome {
    ReadOutcome.read({ try CSVReader(path: path) }, ahead: ahead, stopAfter: stopAfter)
  }

  /// More rows than several batches hold, so records cross batch boundaries,
  /// with quoted line breaks, doubled quotes, CRLF, blank lines and a footer.
  private func largeText(rows: Int) -> String {
    var text = "id,note,amount\r\n"
    for row in 1...rows {
      switch row % 7 {
      case 0: text += "\(row),\"two\nlines\",\(row)\r\n"
      case 3: text += "\(row),\"a \"\"quoted\"\" word\",\(row)\r\n\r\n"
      default: text += "\(row),plain,\(row)\r\n"
      }
    }
    return text + "\r\nGrand Totals\r\n"
  }

  /// The number of `largeText` rows one block of records holds, roughly.
  ///
  /// The tokenizer hands libcsv a slice at a time, and the records of each
  /// slice leave in one block.
  private let rowsPerBlock = CSVReader.sliceSize / 16

  @Test func largeFileGivesTheSameRecords() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("large.csv", largeText(rows: rowsPerBlock * 3 + 17))
    let alone = read(path, ahead: false)
    #expect(alone.records.count == rowsPerBlock * 3 + 19)
    #expect(read(path, ahead: true) == alone)
  }

  /// Records kept after the reader moved on, as footer rows are, still read
  /// their own fields: the block they point into is not filled again.
  @Test func recordsKeptPastTheirBlockStayValid() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("large.csv", largeText(rows: rowsPerBlock * 3))
    let expected = read(path, ahead: false).records
    for ahead in [false, true] {
      var heldRecords: [CSVRecord] = []
      let reader = try CSVReader(path: path)
      if ahead {
        try reader.forEachRecordTokenizedAhead { heldRecords.append($0) }
      } else {
        try reader.forEachRecord { heldRecords.append($0) }
      }
      #expect(heldRecords.map(\.fields) == expected)
    }
  }

  @Test func unterminatedQuoteIsReportedAlike() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(
      "open.csv", largeText(rows: rowsPerBlock + 5) + "9,\"never closes\n10,x\n")
    let alone = read(path, ahead: false)
    #expect(alone.unreadable.count == 1)
    #expect(read(path, ahead: true) == alone)
  }

  @Test func invalidBytesFailAfterTheSameRecords() throws {
    let directory = try TemporaryDirectory()
    var bytes = Array(largeText(rows: rowsPerBlock * 2).utf8)
    bytes += Array("7,bad \u{00}".utf8) + [0xFF, 0xFE] + Array(",1\n".utf8)
    let path = try directory.write("bad.csv", bytes: bytes)
    let alone = read(path, ahead: false)
    #expect(alone.failure.contains("invalidEncoding"))
    #expect(read(path, ahead: true) == alone)
  }

  @Test func readerThatStopsEndsTheTokenizer() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("large.csv", largeText(rows: rowsPerBlock * 8))
    let alone = read(path, ahead: false, stopAfter: 100)
    #expect(alone.records.count == 100)
    #expect(alone.failure.contains("Enough"))
    #expect(read(path, ahead: true, stopAfter: 100) == alone)
  }

  @Test func importerGivesTheSameDealsEitherWay() throws {
    let path = Paths.repository("data/sample-en/opportunities.csv")
    var importer = OpportunityImporter(configuration: ConfigurationLoader.defaultConfiguration())
    importer.tokenizesAhead = false
    let alone = try importer.importOpportunities(from: path)
    importer.tokenizesAhead = true
    let ahead = try importer.importOpportunities(from: path)
    #expect(ahead.opportunities.map(\.id) == alone.opportunities.map(\.id))
    #expect(ahead.opportunities.map(\.amountCents) == alone.opportunities.map(\.amountCents))
    #expect(ahead.opportunities.map(\.line) == alone.opportunities.map(\.line))
    #expect(ahead.rowCount == alone.rowCount)
    #expect(ahead.rejects.map(\.line) == alone.rejects.map(\.line))
  }
}
