import Foundation
import Stagecast

// Times the import and each analysis step of `stagecast report` apart, run
// after run, so a change to one step can be measured on its own. `make bench`
// times whole runs beside DuckDB and pandas; this target splits them up.

let usage = """
  usage: stagecast-bench EXPORT HISTORY [--as-of YYYY-MM-DD] [--runs N] [--only import]
    Imports EXPORT and HISTORY and analyses them N times (default 3), one
    thread for each file as in a report, and prints the median seconds of
    each step. --only import stops after the import, for profiling it alone.
  """

func main() {
  var arguments = Array(CommandLine.arguments.dropFirst())
  func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
      return nil
    }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return value
  }
  let asOfText = option("--as-of") ?? "2026-11-30"
  let runs = Int(option("--runs") ?? "3") ?? 3
  let onlyImport = option("--only") == "import"
  guard arguments.count == 2, let asOf = Day(iso: asOfText), runs > 0 else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(64)
  }

  var seconds: [String: [Double]] = [:]
  var order: [String] = []
  let clock = ContinuousClock()
  for _ in 0..<runs {
    var started = clock.now
    func lap(_ name: String) {
      let elapsed = clock.now - started
      let value =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      if seconds[name] == nil { order.append(name) }
      seconds[name, default: []].append(value)
      started = clock.now
    }

    let configuration = ConfigurationLoader.defaultConfiguration()
    var job = ReportJob(
      exportPath: arguments[0], historyPath: arguments[1], configuration: configuration,
      asOf: asOf, language: .en)
    if onlyImport { job.stopsAfterImport = true }
    do {
      _ = try job.analyse { step in
        switch step {
        case .exportRead: lap("import: export")
        case .historyRead: lap("import: history (wait)")
        case .historyMatched: lap("import: match history")
        case .analysisStep(let step): lap("analysis: \(step.rawValue)")
        case .analysed: lap("analysis: rest")
        }
      }
    } catch {
      FileHandle.standardError.write(Data("stagecast-bench: \(error)\n".utf8))
      exit(1)
    }
  }

  print("| step | median s |")
  print("| --- | ---: |")
  var total = 0.0
  for name in order {
    let sorted = seconds[name, default: []].sorted()
    let median = sorted[sorted.count / 2]
    total += median
    print("| \(name) | \(String(format: "%.3f", median)) |")
  }
  print("| total | \(String(format: "%.3f", total)) |")
}

main()
