import Foundation
import Testing

@testable import Stagecast

/// The two samples' report.md and summary.json, held byte for byte.
///
/// Both are rendered as of 2026-11-30 with the default seed, each sample in
/// its own language, so a change to any figure or sentence shows here first.
/// After checking that a change is meant, update the files with
/// `STAGECAST_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests`.
struct SnapshotTests {
  @Test(arguments: [("sample-zh", ReportLanguage.zhCN), ("sample-en", .en)])
  func sampleReportIsUnchanged(_ sample: String, _ language: ReportLanguage) throws {
    let configuration = ConfigurationLoader.defaultConfiguration()
    let job = ReportJob(
      exportPath: Paths.repository("data/\(sample)/opportunities.csv"),
      historyPath: Paths.repository("data/\(sample)/stage_history.csv"),
      configuration: configuration, asOf: try #require(Day(iso: "2026-11-30")),
      language: language)
    let files = job.render(try job.analyse())
    // Input paths are shown as given; the snapshot stores them relative to the repository.
    let root = Paths.repository("") + "/"

    for name in ["report.md", "summary.json"] {
      let text = try #require(files.first { $0.name == name }).text
        .replacingOccurrences(of: root, with: "")
      let path = Paths.fixture("snapshots/\(sample)/\(name)")
      if ProcessInfo.processInfo.environment["STAGECAST_UPDATE_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOfFile: path, encoding: .utf8)
      guard text != expected else { continue }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let first = zip(lines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
      let line = first?.offset ?? min(lines.count, expectedLines.count)
      Issue.record(
        "\(sample)/\(name) differs from its snapshot at line \(line + 1): got \(first.map { String($0.element.0) } ?? "(end)"), expected \(first.map { String($0.element.1) } ?? "(end)")"
      )
    }
  }
}
