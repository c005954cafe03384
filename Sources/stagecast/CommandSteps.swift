import Foundation
import Stagecast

/// The kind of output a command writes, named in messages about its files.
enum CommandOutput {
  case report
  case backtest
  case comparison

  func name(_ language: ReportLanguage) -> String {
    switch (self, language) {
    case (.report, .zhCN): "报告"
    case (.backtest, .zhCN): "回测结果"
    case (.comparison, .zhCN): "对比结果"
    case (.report, .en): "the report"
    case (.backtest, .en): "the backtest"
    case (.comparison, .en): "the comparison"
    }
  }
}

/// Loads the configuration and settles the language: `--lang` first, then
/// the configuration's `language`, then the one the command started with.
/// - Returns: both, or the exit status after printing why the configuration failed.
func loadSettings(_ arguments: ReportArguments, language fallback: ReportLanguage) -> Result<
  (Configuration, ReportLanguage), ExitFailure
> {
  loadConfiguration(arguments.config, language: fallback).map { configuration in
    let language = arguments.language == nil ? configuration.language ?? fallback : fallback
    return (configuration, language)
  }
}

/// Prints why the run stops when one of its output files is an input file.
/// - Returns: whether the run must stop.
func outputOverwritesInput(
  _ arguments: ReportArguments, exportPath: String, output: CommandOutput,
  language: ReportLanguage
) -> Bool {
  guard let clash = outputClash(arguments, exportPath: exportPath) else { return false }
  printError(
    language == .zhCN
      ? "stagecast: 错误：输出文件 \(clash) 就是输入文件，写\(output.name(language))会覆盖它。请用 --out 指定另一个目录。"
      : "stagecast: error: the output file \(clash) is an input file and would be overwritten. Choose another folder with --out."
  )
  return true
}

/// Writes the files into `--out`, each under a temporary name first.
/// - Returns: whether they were written. When not, the reason is printed on stderr.
func writeOutput(
  _ files: [ReportFile], _ arguments: ReportArguments, output: CommandOutput,
  language: ReportLanguage
) -> Bool {
  do {
    try ReportWriter.write(files, to: arguments.outputDirectory)
    return true
  } catch let error as ReportWriteError {
    let problem =
      language == .zhCN
      ? "错误：无法写入\(output.name(language))"
      : "error: \(output.name(language)) could not be written"
    printError("\(error.path): \(problem) (\(error.reason)).")
  } catch {
    printError("stagecast: \(error)")
  }
  return false
}

/// Prints why a step failed.
/// - Returns: the exit status for the kind of failure, for scripts to branch on.
func failureStatus(for error: any Error, language: ReportLanguage) -> ExitStatus {
  switch error {
  case let error as ImportError:
    printError(error.message(language: language))
    return exitStatus(for: error)
  case let error as SnapshotError:
    printError(error.message(language: language))
    switch error.problem {
    case .dateTaken, .otherSource: return .dataError
    default: return .failure
    }
  default:
    printError("stagecast: \(error)")
    return .failure
  }
}
