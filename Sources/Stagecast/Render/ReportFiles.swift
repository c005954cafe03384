import Foundation

/// One output file, rendered in memory before anything is written.
public struct ReportFile: Sendable {
  public var name: String
  public var text: String
}

/// A kind of report output that `--format` can choose.
public enum OutputFormat: String, CaseIterable, Sendable {
  case html, md, json, csv

  /// The format a report file belongs to: the charts go with report.md, which links them.
  public init(fileName: String) {
    if fileName.hasSuffix(".html") {
      self = .html
    } else if fileName.hasSuffix(".json") {
      self = .json
    } else if fileName.hasSuffix(".csv") {
      self = .csv
    } else {
      self = .md
    }
  }
}

/// Renders every output of `stagecast report`.
public enum ReportRenderer {
  /// Names of every file `render` returns.
  public static let fileNames = [
    "report.md", "report.html", "summary.json", "funnel.csv", "win_probability.csv", "forecast.csv",
    "overdue.csv", "grade_audit.csv", "rejects.csv", "range.csv", "breakdown.csv", "stalled.csv",
    "missing_fields.csv", "forecast_categories.csv", "sales_velocity.csv", "targets.csv",
    "velocity.csv", "resources.csv", "unfunded.csv", "chart-funnel.svg", "chart-forecast.svg",
    "chart-win-probability.svg", "chart-grade-mix.svg", "chart-aging.svg", "chart-utilization.svg",
    "chart-trend.svg", "chart-waterfall.svg", "trend.csv", "waterfall.csv",
  ]

  /// `report.md`, `report.html`, `summary.json` and the CSV tables, in a fixed order.
  public static func render(_ context: ReportContext) -> [ReportFile] {
    // At a million deals the tables list tens of thousands of rows and took
    // about as long as the pages: they are written on the second core.
    let tables = BackgroundTask { CSVTables.build(context) }
    let charts = Charts.all(context)
    var files = [
      ReportFile(name: "report.md", text: MarkdownReport.render(context, charts: charts)),
      ReportFile(name: "report.html", text: HTMLReport.render(context, charts: charts)),
      ReportFile(name: "summary.json", text: JSONWriter.text(SummaryDocument.build(context))),
    ]
    // Force try: building the tables cannot throw.
    // swift-format-ignore: NeverUseForceTry
    for (name, text) in try! tables.value() {
      files.append(ReportFile(name: name, text: text))
    }
    for chart in charts {
      files.append(ReportFile(name: chart.name + ".svg", text: chart.svg))
    }
    if !context.analysis.trend.isEmpty {
      var text = CSVTables.byteOrderMark + "as_of,open_deals,pipeline,expected,win_rate\n"
      for point in context.analysis.trend {
        text +=
          [
            point.asOf.isoString, String(point.openDeals), NumberFormatting.machine(point.pipeline),
            NumberFormatting.machine(point.expected), NumberFormatting.machine(point.winRate),
          ].joined(separator: ",") + "\n"
      }
      files.append(ReportFile(name: "trend.csv", text: text))
    }
    if let comparison = context.analysis.sinceLastSnapshot {
      files.append(
        ReportFile(name: "waterfall.csv", text: ComparisonReport.waterfallCSV(comparison)))
    }
    if let backtest = context.analysis.backtest {
      files.append(ReportFile(name: "backtest.csv", text: BacktestReport.periodsCSV(backtest)))
      files.append(
        ReportFile(name: "backtest_calibration.csv", text: BacktestReport.calibrationCSV(backtest)))
    }
    return files
  }
}

/// A report folder that could not be written.
public struct ReportWriteError: Error, Sendable {
  public var path: String
  public var reason: String
}

/// Writes report files so that a failed run never leaves a half-written report.
public enum ReportWriter {
  /// Writes each file to a hidden temporary name in `directory`, then moves
  /// them into place, keeping the old files aside until all are in place.
  ///
  /// On any failure the new files are removed and the old ones are put back,
  /// so the previous report stays as it was. A crash between two renames can
  /// still leave both; the hidden `.*.tmp` and `.*.old` files then show it.
  /// - Throws: `ReportWriteError` naming the folder or file that failed.
  public static func write(_ files: [ReportFile], to directory: String) throws {
    try write(files, to: directory, renaming: { rename($0, $1) })
  }

  /// Writes with `renaming` in place of rename(2), so tests can make a move fail.
  static func write(
    _ files: [ReportFile], to directory: String, renaming: (String, String) -> Int32
  ) throws {
    try createDirectory(directory)
    for file in files {
      // A folder where a report file goes would be moved aside and lost from view.
      var status = stat()
      let final = (directory as NSString).appendingPathComponent(file.name)
      if stat(final, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        throw ReportWriteError(path: final, reason: String(cString: strerror(EISDIR)))
      }
    }

    let token = "\(getpid())"
    var temporaries: [(temporary: String, final: String)] = []
    var replaced: [(final: String, backup: String?)] = []
    do {
      for file in files {
        let final = (directory as NSString).appendingPathComponent(file.name)
        let temporary = (directory as NSString).appendingPathComponent(".\(file.name).\(token).tmp")
        try writeFile(temporary, Array(file.text.utf8), reportAs: directory)
        temporaries.append((temporary, final))
      }

      for (temporary, final) in temporaries {
        var backup: String?
        if access(final, F_OK) == 0 {
          let aside = (directory as NSString).appendingPathComponent(
            ".\((final as NSString).lastPathComponent).\(token).old")
          guard renaming(final, aside) == 0 else {
            throw ReportWriteError(path: final, reason: String(cString: strerror(errno)))
          }
          backup = aside
        }
        replaced.append((final, backup))
        guard renaming(temporary, final) == 0 else {
          throw ReportWriteError(path: final, reason: String(cString: strerror(errno)))
        }
      }
    } catch {
      // Put the previous report back, newest move first.
      for (final, backup) in replaced.reversed() {
        unlink(final)
        if let backup { rename(backup, final) }
      }
      for (temporary, _) in temporaries { unlink(temporary) }
      throw error
    }

    for case (_, let backup?) in replaced { unlink(backup) }
  }

  /// Creates `directory` and its parents with mkdir(2), so a failure names
  /// the folder with the system's reason ("Not a directory", "Permission denied").
  private static func createDirectory(_ directory: String) throws {
    var path = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      path += "/" + component
      if mkdir(path, 0o755) != 0, errno != EEXIST {
        throw ReportWriteError(path: path, reason: String(cString: strerror(errno)))
      }
    }
    var status = stat()
    guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw ReportWriteError(path: directory, reason: String(cString: strerror(ENOTDIR)))
    }
  }

  private static func writeFile(_ path: String, _ bytes: [UInt8], reportAs directory: String) throws
  {
    guard let file = fopen(path, "wb") else {
      throw ReportWriteError(path: directory, reason: String(cString: strerror(errno)))
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    guard written == bytes.count, closed == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(path)
      throw ReportWriteError(path: directory, reason: reason)
    }
  }
}
