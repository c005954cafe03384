import Foundation
import Testing

@testable import Stagecast

/// Paths of the repository, the committed fixtures and the shared inputs.
enum Paths {
  /// The package root, found from this file so tests do not depend on the working directory.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func fixture(_ relative: String) -> String {
    packageRoot.appendingPathComponent("Tests/StagecastTests/Fixtures/\(relative)").path
  }

  static func repository(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }

  /// The field cases people reported, beside the repository; tests skip when absent.
  static func sharedCase(_ relative: String) -> String {
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared/cases/\(relative)").path
  }

  static var hasSharedCases: Bool {
    FileManager.default.fileExists(atPath: sharedCase("README.md"))
  }
}

/// A scratch folder removed at the end of the test.
final class TemporaryDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "stagecast-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `text` (UTF-8) to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes raw bytes to `name` and returns its path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }
}

/// Checks that two figures agree to 1e-9 relative (the references' tolerance).
func expectClose(
  _ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  switch (actual, expected) {
  case (nil, nil):
    return
  case (let actual?, let expected?):
    let tolerance = 1e-9 * max(1, abs(actual), abs(expected))
    #expect(
      abs(actual - expected) <= tolerance, "\(what()): \(actual) ≠ \(expected)",
      sourceLocation: sourceLocation)
  default:
    Issue.record(
      "\(what()): \(String(describing: actual)) ≠ \(String(describing: expected))",
      sourceLocation: sourceLocation)
  }
}

/// Reads a CSV written by the references (plain comma CSV, no embedded commas in the compared columns).
func readReferenceTable(_ path: String) throws -> [[String: String]] {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var lines = text.split(whereSeparator: \.isNewline).map(String.init)
  guard !lines.isEmpty else { return [] }
  let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(
    String.init)
  return lines.map { line in
    let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var row: [String: String] = [:]
    for (index, name) in header.enumerated() where index < cells.count { row[name] = cells[index] }
    return row
  }
}

/// Imports an export (and history) with the given configuration JSON merged over the default.
func importAndAnalyse(
  _ export: String, history: String? = nil, configJSON: String? = nil, asOf: String = "2026-11-30"
) throws -> PipelineAnalysis {
  let configuration = try ConfigurationLoader.load(
    userJSON: configJSON.map { Array($0.utf8) }, file: "test.json")
  let job = ReportJob(
    exportPath: export, historyPath: history, configuration: configuration,
    asOf: try #require(Day(iso: asOf)), language: .en)
  return try job.analyse()
}

/// Sum of the open deals' amounts.
func openPipeline(_ analysis: PipelineAnalysis) -> Double {
  analysis.states.filter { $0.status == .open }.reduce(0) {
    $0 + (analysis.opportunities[$1.opportunity].amount ?? 0)
  }
}

/// What a `CSVReader` hands over from a file: two ways of reading the same
/// file must give equal outcomes.
struct ReadOutcome: Equatable {
  var records: [[String]] = []
  var lines: [Int] = []
  var lastLines: [Int] = []
  var blankBefore: [Bool] = []
  var unreadable: [Int] = []
  var failure = ""

  /// Reads every record, or the first `stopAfter`, on one thread or
  /// tokenized ahead on a second one; a thrown error becomes `failure`.
  static func read(
    _ makeReader: () throws -> CSVReader, ahead: Bool, stopAfter: Int? = nil
  ) -> ReadOutcome {
    struct Enough: Error {}
    var outcome = ReadOutcome()
    do {
      let reader = try makeReader()
      let body = { (record: CSVRecord) throws in
        if let stopAfter, outcome.records.count == stopAfter { throw Enough() }
        outcome.records.append(record.fields)
        outcome.lines.append(record.line)
        outcome.lastLines.append(record.lastLine)
        outcome.blankBefore.append(record.followsBlankLine)
      }
      if ahead {
        try reader.forEachRecordTokenizedAhead(body)
      } else {
        try reader.forEachRecord(body)
      }
      outcome.unreadable = reader.unreadable.map(\.line)
    } catch {
      outcome.failure = String(describing: error)
    }
    return outcome
  }
}

extension Opportunity {
  /// Returns an open deal with id A on line 2 and nothing else set, for
  /// tests that set its fields one by one.
  static func blankOpenDeal() -> Opportunity {
    Opportunity(id: "A", line: 2, status: .open, stageIndex: nil, ledByPartner: false)
  }
}
