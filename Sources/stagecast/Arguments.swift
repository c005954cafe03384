import Stagecast

/// A command line that cannot be run: the message names the argument.
struct UsageError: Error {
  var english: String
  var chinese: String

  func text(_ language: ReportLanguage) -> String {
    language == .zhCN ? chinese : english
  }
}

/// The parsed command line of `stagecast report`.
struct ReportArguments {
  var export: String?
  var history: String?
  var config: String?
  var asOf: Day?
  var outputDirectory = "reports"
  var language: ReportLanguage?
  var encoding: TextEncoding?
  var isStrict = false
  var isVerbose = false
  /// `inspect --json`.
  var isJSON = false
  /// `compare PREVIOUS CURRENT`: the current export; `export` is the previous one.
  var currentExport: String?
  /// `snapshot add|list|remove`: what to do with the archive.
  var snapshotAction: String?
  /// `snapshot --store`: the archive file.
  var store = "reports/stagecast.sqlite"
  /// `compare --previous-as-of`: the date of the previous export.
  var previousAsOf: Day?
  /// `backtest --from` and `--to`: the month-ends replayed.
  var from: Day?
  var to: Day?
  /// `report --targets`: a targets CSV.
  var targets: String?
  /// `report --format`: the kinds of output to write; all when nil.
  var formats: Set<OutputFormat>?
  /// `report --team`: a team CSV of role, person and monthly hours.
  var team: String?
  /// `report --capacity role=+N`: extra people (or hours with `h`) per role, for a what-if.
  var capacityChanges: [(role: String, amount: Double, isHours: Bool)] = []
  /// `report --backtest`: the backtest goes into the methodology section.
  var isBacktesting = false
}

/// What the user asked for.
enum Invocation {
  case help(ReportLanguage?)
  case version
  case report(ReportArguments)
  /// `stagecast inspect EXPORT`: how the file was understood.
  case inspect(ReportArguments)
  /// `stagecast init EXPORT`: a starter configuration on stdout.
  case initialize(ReportArguments)
  /// `stagecast backtest EXPORT`: past month-ends replayed and scored.
  case backtest(ReportArguments)
  /// `stagecast compare PREVIOUS CURRENT`: what moved between two exports.
  case compare(ReportArguments)
  /// `stagecast snapshot add|list|remove`: the archive of monthly exports.
  case snapshot(ReportArguments)
}

/// Parses `CommandLine.arguments` without outside packages: options take
/// their value as the next argument or after `=`.
enum ArgumentParser {
  static func parse(_ arguments: [String]) throws -> Invocation {
    var remaining = arguments[...]
    var language: ReportLanguage?

    // A --lang before the subcommand sets the help language too.
    if let index = remaining.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
      let value =
        remaining[index].hasPrefix("--lang=")
        ? String(remaining[index].dropFirst("--lang=".count))
        : (index + 1 < remaining.endIndex ? remaining[index + 1] : "")
      language = ReportLanguage(tag: value)
    }
    if remaining.contains("--help") || remaining.contains("-h") || remaining.first == "help" {
      return .help(language)
    }
    if remaining.first == "--version" { return .version }

    guard let command = remaining.popFirst() else {
      throw UsageError(english: "missing command.", chinese: "缺少命令。")
    }
    let commands = ["report", "inspect", "init", "backtest", "compare", "snapshot"]
    guard commands.contains(command) else {
      let nearest =
        commands.min { editDistance(command, $0) < editDistance(command, $1) } ?? "report"
      throw UsageError(
        english:
          "unknown command '\(command)'. Did you mean '\(nearest)'? The commands are report, inspect, init, backtest and compare.",
        chinese: "未知命令“\(command)”。是否应为 \(nearest)？可用命令为 report、inspect、init、backtest 和 compare。")
    }

    var options = ReportArguments()
    if command == "snapshot" {
      let action = remaining.popFirst() ?? ""
      guard ["add", "list", "remove"].contains(action) else {
        throw UsageError(
          english:
            "snapshot needs add, list or remove, such as: snapshot add EXPORT --as-of 2026-11-30.",
          chinese: "snapshot 后面需要 add、list 或 remove，例如：snapshot add 导出文件 --as-of 2026-11-30。")
      }
      options.snapshotAction = action
    }
    var given: Set<String> = []
    var isAfterOptions = false
    while let argument = remaining.popFirst() {
      // After `--`, every argument is a file name, even one starting with a dash.
      if !isAfterOptions, argument == "--" {
        isAfterOptions = true
        continue
      }
      if isAfterOptions {
        try setExport(argument, in: &options, allowsTwo: command == "compare")
        continue
      }
      var name = argument
      var inlineValue: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      func value() throws -> String {
        if let inlineValue { return inlineValue }
        guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
          throw UsageError(english: "option \(name) needs a value.", chinese: "选项 \(name) 需要一个值。")
        }
        return next
      }

      if name.hasPrefix("--") { given.insert(name) }
      switch name {
      case "--json": options.isJSON = true
      case "--history": options.history = try value()
      case "--config": options.config = try value()
      case "--targets": options.targets = try value()
      case "--team": options.team = try value()
      case "--store":
        options.store = try value()
        guard !options.store.isEmpty else {
          throw UsageError(english: "--store needs a file name.", chinese: "--store 需要一个文件名。")
        }
      case "--format":
        let text = try value()
        var formats: Set<OutputFormat> = []
        for part in text.split(separator: ",") {
          guard let format = OutputFormat(rawValue: part.trimmingCharacters(in: .whitespaces))
          else {
            throw UsageError(
              english:
                "--format '\(text)' is not a list of html, md, json and csv, such as html,csv.",
              chinese: "--format 的值“\(text)”无法识别。请从 html、md、json、csv 中选择，用逗号分隔，例如 html,csv。")
          }
          formats.insert(format)
        }
        guard !formats.isEmpty else {
          throw UsageError(
            english: "--format needs at least one of html, md, json and csv.",
            chinese: "--format 至少需要 html、md、json、csv 中的一种。")
        }
        options.formats = formats
      case "--capacity":
        let text = try value()
        guard let change = capacityChange(text) else {
          throw UsageError(
            english:
              "--capacity '\(text)' is not a change. Write ROLE=+N for N more people or ROLE=+Nh for N more hours a month, such as presales=+2.",
            chinese:
              "--capacity 的值“\(text)”无法识别。请写成 岗位=+人数 或 岗位=+小时数h，例如 presales=+2 或 presales=+80h。")
        }
        options.capacityChanges.append(change)
      case "--out":
        options.outputDirectory = try value()
        guard !options.outputDirectory.isEmpty else {
          throw UsageError(english: "--out needs a folder name.", chinese: "--out 需要一个目录名。")
        }
      case "--as-of", "--from", "--to", "--previous-as-of":
        let text = try value()
        guard let day = Day(iso: text) else {
          throw UsageError(
            english: "\(name) '\(text)' is not a date. Use YYYY-MM-DD, such as 2026-11-30.",
            chinese: "\(name) 的值“\(text)”不是有效日期。请使用 YYYY-MM-DD 格式，例如 2026-11-30。")
        }
        switch name {
        case "--from": options.from = day
        case "--to": options.to = day
        case "--previous-as-of": options.previousAsOf = day
        default: options.asOf = day
        }
      case "--lang":
        let text = try value()
        guard let chosen = ReportLanguage(tag: text) else {
          throw UsageError(
            english: "--lang '\(text)' is not supported. Use zh-CN or en.",
            chinese: "不支持 --lang 的值“\(text)”。请使用 zh-CN 或 en。")
        }
        options.language = chosen
      case "--encoding":
        let text = try value()
        guard let encoding = TextEncoding(option: text) else {
          throw UsageError(
            english:
              "--encoding '\(text)' is not supported. Use utf-8, gb18030, utf-16le or utf-16be.",
            chinese: "不支持 --encoding 的值“\(text)”。请使用 utf-8、gb18030、utf-16le 或 utf-16be。")
        }
        options.encoding = encoding
      case "--strict": options.isStrict = true
      case "--backtest": options.isBacktesting = true
      case "--verbose": options.isVerbose = true
      default:
        if name.hasPrefix("-") {
          throw UsageError(english: "unknown option '\(name)'.", chinese: "未知选项“\(name)”。")
        }
        try setExport(name, in: &options, allowsTwo: command == "compare")
      }
    }
    guard options.export != nil || options.snapshotAction == "list" else {
      throw UsageError(
        english: options.snapshotAction == "remove"
          ? "snapshot remove needs the date to remove, such as 2026-11-30."
          : "missing the export file.",
        chinese: options.snapshotAction == "remove"
          ? "snapshot remove 需要给出要删除的日期，例如 2026-11-30。" : "缺少商机导出文件。")
    }

    let allowed: Set<String>
    switch command {
    case "inspect": allowed = ["--config", "--encoding", "--lang", "--json"]
    case "init": allowed = ["--config", "--encoding", "--lang"]
    case "snapshot":
      allowed = ["--store", "--as-of", "--config", "--encoding", "--lang"]
    case "compare":
      allowed = ["--config", "--out", "--as-of", "--previous-as-of", "--lang", "--encoding"]
      guard options.currentExport != nil else {
        throw UsageError(
          english: "compare needs two exports: the previous one, then the current one.",
          chinese: "compare 需要两个导出文件：先上期，再本期。")
      }
    case "backtest":
      allowed = [
        "--history", "--config", "--out", "--as-of", "--lang", "--encoding", "--from", "--to",
        "--verbose", "--store",
      ]
    default:
      allowed = [
        "--history", "--config", "--out", "--as-of", "--lang", "--encoding", "--strict",
        "--verbose", "--backtest", "--from", "--to", "--targets", "--team", "--capacity",
        "--format", "--store",
      ]
    }
    if let extra = given.subtracting(allowed).sorted().first {
      throw UsageError(
        english: "option \(extra) does not apply to '\(command)'.",
        chinese: "选项 \(extra) 不适用于 \(command) 命令。")
    }
    switch command {
    case "inspect": return .inspect(options)
    case "init": return .initialize(options)
    case "backtest": return .backtest(options)
    case "compare": return .compare(options)
    case "snapshot": return .snapshot(options)
    default: return .report(options)
    }
  }

  /// Reads `presales=+2` (people) or `presales=+80h` (hours); a minus takes capacity away.
  static func capacityChange(_ text: String) -> (role: String, amount: Double, isHours: Bool)? {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty else { return nil }
    var amount = parts[1]
    let isHours = amount.hasSuffix("h")
    if isHours { amount.removeLast() }
    guard let value = Double(amount), value.isFinite else { return nil }
    return (parts[0], value, isHours)
  }

  /// Takes `path` as the export, or throws when one was given already.
  private static func setExport(
    _ path: String, in options: inout ReportArguments, allowsTwo: Bool = false
  ) throws {
    if allowsTwo, options.export != nil, options.currentExport == nil {
      options.currentExport = path
      return
    }
    guard options.export == nil else {
      throw UsageError(
        english:
          "only one export file is read; '\(path)' is extra.",
        chinese: "只能指定一个导出文件，“\(path)”是多余的。")
    }
    options.export = path
  }
}
