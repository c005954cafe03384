import Foundation
import Testing

@testable import Stagecast

/// Runs the built `stagecast` binary and checks output, files and exit status.
struct EndToEndTests {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var binary: String {
    let build = Paths.packageRoot.appendingPathComponent(".build")
    for configuration in ["debug", "release"] {
      let path = build.appendingPathComponent(configuration).appendingPathComponent("stagecast")
        .path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return build.appendingPathComponent("debug/stagecast").path
  }

  func run(_ arguments: [String], environment: [String: String] = ["LANG": "en_US.UTF-8"]) throws
    -> Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = arguments
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func reportWritesEveryFile() throws {
    let directory = try TemporaryDirectory()
    let result = try run([
      "report", Paths.repository("data/sample-zh/opportunities.csv"),
      "--history", Paths.repository("data/sample-zh/stage_history.csv"),
      "--as-of", "2026-11-30", "--out", directory.path, "--lang", "zh-CN",
    ])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(
      files == [
        "breakdown.csv", "chart-aging.svg", "chart-forecast.svg", "chart-funnel.svg",
        "chart-grade-mix.svg", "chart-utilization.svg", "chart-win-probability.svg", "forecast.csv",
        "forecast_categories.csv", "funnel.csv", "grade_audit.csv",
        "missing_fields.csv", "overdue.csv",
        "range.csv", "rejects.csv", "report.html", "report.md", "resources.csv",
        "sales_velocity.csv",
        "stalled.csv",
        "summary.json", "targets.csv", "unfunded.csv", "velocity.csv",
        "win_probability.csv",
      ])
    let markdown = try String(contentsOfFile: directory.path + "/report.md", encoding: .utf8)
    #expect(markdown.contains("# 销售预测报告"))
    #expect(markdown.contains("万元"))
  }

  @Test func backtestWritesItsFilesAndScores() throws {
    let directory = try TemporaryDirectory()
    let result = try run([
      "backtest", Paths.repository("data/sample-en/opportunities.csv"),
      "--history", Paths.repository("data/sample-en/stage_history.csv"),
      "--as-of", "2026-11-30", "--from", "2026-05-31", "--to", "2026-10-31",
      "--out", directory.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Next-month MAPE"))
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(files == ["backtest.csv", "backtest.md", "backtest_calibration.csv"])
    // Six month-ends from May to October, each with a one-month and a three-month window.
    let rows = try readReferenceTable(directory.path + "/backtest.csv")
    #expect(rows.count == 12)
    // Foundation drops the byte-order mark while decoding, so the key is plain.
    #expect(rows.first?["as_of"] == "2026-05-31")
    // October's three months reach January 2027, after the as-of date: shown, not scored.
    #expect(rows.last?["complete"] == "0")

    let reversed = try run([
      "backtest", Paths.repository("data/sample-en/opportunities.csv"),
      "--from", "2026-10-31", "--to", "2026-05-31", "--out", directory.path,
    ])
    #expect(reversed.status == 64)
    #expect(reversed.stderr.contains("no month-end"))
  }

  @Test func reportWithBacktestAddsItToTheMethodSection() throws {
    let directory = try TemporaryDirectory()
    let result = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"),
      "--history", Paths.repository("data/sample-en/stage_history.csv"),
      "--as-of", "2026-11-30", "--backtest", "--out", directory.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let markdown = try String(contentsOfFile: directory.path + "/report.md", encoding: .utf8)
    #expect(markdown.contains("### Backtest"))
    let summary = try String(contentsOfFile: directory.path + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\"nextMonth\""))
    #expect(FileManager.default.fileExists(atPath: directory.path + "/backtest.csv"))
  }

  @Test func capacityWhatIfPrintsTheChange() throws {
    let directory = try TemporaryDirectory()
    let result = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"),
      "--history", Paths.repository("data/sample-en/stage_history.csv"), "--as-of", "2026-11-30",
      "--capacity", "presales=+1", "--capacity", "bid=+40h", "--out", directory.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // One presales person is 140 hours a month by default.
    #expect(result.stdout.contains("What-if (bid +40h, presales +140h a month)"))

    let unknown = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"), "--capacity", "legal=+1",
      "--out", directory.path,
    ])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("not under resources.roles"))
    let malformed = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"), "--capacity", "presales",
      "--out", directory.path,
    ])
    #expect(malformed.status == 64)
  }

  @Test func formatChoosesTheFiles() throws {
    let directory = try TemporaryDirectory()
    let result = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"), "--as-of", "2026-11-30",
      "--format", "md,json", "--out", directory.path, "--verbose",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    // report.md brings the charts it links; no HTML and no CSV.
    #expect(files.contains("report.md"))
    #expect(files.contains("summary.json"))
    #expect(files.contains("chart-funnel.svg"))
    #expect(!files.contains("report.html"))
    #expect(!files.contains { $0.hasSuffix(".csv") })
    #expect(result.stdout.contains("report.md"))

    let wrong = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"), "--format", "pdf",
      "--out", directory.path,
    ])
    #expect(wrong.status == 64)
  }

  @Test func compareWritesTheWaterfall() throws {
    let directory = try TemporaryDirectory()
    let previous = try directory.write(
      "previous.csv", "id,amount,stage,expected_close_on\nA,100,validate,2026-12-01\n")
    let current = try directory.write(
      "current.csv", "id,amount,stage,expected_close_on\nA,150,approve,2026-12-01\n")
    let result = try run([
      "compare", previous, current, "--previous-as-of", "2026-10-31", "--as-of", "2026-11-30",
      "--out", directory.path + "/out",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Increased: CNY 50 (1)"))
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out")
      .sorted()
    #expect(files == ["compare.md", "slipped.csv", "waterfall.csv"])

    let single = try run(["compare", previous])
    #expect(single.status == 64)
    #expect(single.stderr.contains("two exports"))
  }

  @Test func usageErrorExits64() throws {
    let result = try run(["report", "x.csv", "--as-of", "30/11/2026"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--as-of '30/11/2026' is not a date"))
    #expect(result.stderr.contains("usage: stagecast report"))
  }

  @Test func missingExportExits66() throws {
    let result = try run(["report", "/nonexistent/opps.csv"])
    #expect(result.status == 66)
    #expect(result.stderr == "/nonexistent/opps.csv: error: file not found. Check the path.\n")
  }

  @Test func badConfigurationExits78() throws {
    let directory = try TemporaryDirectory()
    let config = try directory.write("team.json", "{\n  \"forecst\": {}\n}\n")
    let result = try run([
      "report", Paths.repository("data/sample-en/opportunities.csv"), "--config", config,
    ])
    #expect(result.status == 78)
    #expect(
      result.stderr.hasPrefix(
        "\(config):2:3: error: unknown key \"forecst\". Did you mean \"forecast\"?"))
  }

  @Test func strictRunWithRejectsExits65AndWritesNothing() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write(
      "opps.csv", "id,stage,amount\n1,Validate,\"1,23,4\"\n2,Approve,100\n")
    let out = directory.path + "/out"
    let result = try run(["report", export, "--strict", "--out", out, "--as-of", "2026-11-30"])
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "\(export):2:3: error: amount \"1,23,4\": amount has invalid digit grouping"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func helpFollowsLanguage() throws {
    let chinese = try run(["--help"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(chinese.status == 0)
    #expect(chinese.stdout.contains("用法：stagecast report"))
    let english = try run(["--help", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(english.stdout.contains("usage: stagecast report"))
  }

  @Test func failedRunKeepsPreviousReport() throws {
    let directory = try TemporaryDirectory()
    let previous = try directory.write("report.md", "previous report\n")
    let result = try run(["report", directory.path + "/missing.csv", "--out", directory.path])
    #expect(result.status == 66)
    #expect(try String(contentsOfFile: previous, encoding: .utf8) == "previous report\n")
  }

  @Test func inspectPrintsMappingAndJSON() throws {
    let export = Paths.repository("data/sample-en/opportunities.csv")
    let text = try run(["inspect", export, "--lang", "en"])
    #expect(text.status == 0)
    #expect(text.stdout.contains("Encoding: utf-8"))
    #expect(text.stdout.contains("→ amount"))
    let json = try run(["inspect", export, "--json"])
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["rows"] as? Int == 300)
  }

  @Test func initOutputFeedsReport() throws {
    let directory = try TemporaryDirectory()
    let export = Paths.repository("data/sample-en/opportunities.csv")
    let starter = try run(["init", export])
    #expect(starter.status == 0)
    let config = try directory.write("stagecast.json", starter.stdout)
    let report = try run([
      "report", export, "--config", config, "--out", directory.path + "/out", "--as-of",
      "2026-11-30",
    ])
    #expect(report.status == 0)
    #expect(report.stderr.isEmpty)
  }

  @Test func optionOfAnotherCommandIsUsageError() throws {
    let result = try run(["inspect", "x.csv", "--strict"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("option --strict does not apply to 'inspect'"))
    let typo = try run(["reprot", "x.csv"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("Did you mean 'report'?"))
  }

  @Test func outputOverInputIsRefused() throws {
    let directory = try TemporaryDirectory()
    let export = try directory.write("forecast.csv", "id,stage,amount\n1,Validate,10\n")
    let result = try run(["report", export, "--out", directory.path, "--as-of", "2026-11-30"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("is an input file and would be overwritten"))
    #expect(
      try String(contentsOfFile: export, encoding: .utf8) == "id,stage,amount\n1,Validate,10\n")
  }

  @Test func folderInTheWayKeepsPreviousReport() throws {
    let directory = try TemporaryDirectory()
    let export = Paths.repository("data/sample-en/opportunities.csv")
    #expect(
      try run(["report", export, "--out", directory.path, "--as-of", "2026-11-30"]).status == 0)
    let previous = try String(contentsOfFile: directory.path + "/summary.json", encoding: .utf8)
    try FileManager.default.removeItem(atPath: directory.path + "/rejects.csv")
    try FileManager.default.createDirectory(
      atPath: directory.path + "/rejects.csv", withIntermediateDirectories: true)

    let second = try run(["report", export, "--out", directory.path, "--as-of", "2026-10-31"])
    #expect(second.status == 1)
    #expect(second.stderr.contains("rejects.csv"))
    #expect(
      try String(contentsOfFile: directory.path + "/summary.json", encoding: .utf8) == previous)
  }

  @Test func lcAllDecidesLanguage() throws {
    let result = try run(
      ["report", "/nonexistent.csv"], environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"])
    #expect(result.stderr.contains("error: file not found"))
  }
}
