import Foundation
import Stagecast

/// Exit statuses from sysexits.h, which cron wrappers and shell scripts know.
enum ExitStatus: Int32 {
  case success = 0
  case failure = 1
  /// EX_USAGE
  case usage = 64
  /// EX_DATAERR: `--strict` met rejected rows or values.
  case dataError = 65
  /// EX_NOINPUT
  case noInput = 66
  /// EX_CONFIG
  case configuration = 78
}

/// Writes a diagnostic line to stderr; control characters from the input
/// are shown escaped so they cannot drive the terminal.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
}

/// Returns the language of messages before a configuration is read: the locale variables, else English.
func environmentLanguage() -> ReportLanguage {
  // POSIX order: the first of these that is set decides, even when it names
  // a locale such as C that has no Chinese.
  let environment = ProcessInfo.processInfo.environment
  for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
    if let value = environment[key], !value.isEmpty {
      return ReportLanguage(tag: value) ?? .en
    }
  }
  return .en
}

/// Today in the machine's time zone, the date a cron job after the nightly export means.
func today() -> Day {
  let components = Calendar.current.dateComponents([.year, .month, .day], from: Date())
  let fallback = Day(daysSinceEpoch: Int32(Date().timeIntervalSince1970 / 86_400))
  guard let year = components.year, let month = components.month, let day = components.day else {
    return fallback
  }
  return Day(year: year, month: month, day: day) ?? fallback
}

func run() -> ExitStatus {
  let language = environmentLanguage()
  let invocation: Invocation
  do {
    invocation = try ArgumentParser.parse(Array(CommandLine.arguments.dropFirst()))
  } catch let error as UsageError {
    printError("stagecast: \(language == .zhCN ? "错误：" : "error: ")\(error.text(language))")
    printError(Help.usage(language))
    printError(language == .zhCN ? "运行 stagecast --help 查看帮助。" : "See 'stagecast --help'.")
    return .usage
  } catch {
    return .failure
  }

  switch invocation {
  case .help(let chosen):
    print(Help.text(chosen ?? language))
    return .success
  case .version:
    print("stagecast 0.1.0")
    return .success
  case .report(let arguments):
    return report(arguments, language: arguments.language ?? language)
  case .backtest(let arguments):
    return backtest(arguments, language: arguments.language ?? language)
  case .compare(let arguments):
    return compare(arguments, language: arguments.language ?? language)
  case .snapshot(let arguments):
    return snapshot(arguments, language: arguments.language ?? language)
  case .inspect(let arguments), .initialize(let arguments):
    let isInit: Bool
    if case .initialize = invocation { isInit = true } else { isInit = false }
    return inspect(
      arguments, writingConfiguration: isInit, language: arguments.language ?? language)
  }
}

/// Loads the configuration of `--config`, or the built-in default.
/// - Returns: the configuration, or the exit status after printing why it failed.
func loadConfiguration(_ path: String?, language: ReportLanguage) -> Result<
  Configuration, ExitFailure
> {
  do {
    return .success(
      try path.map(ConfigurationLoader.load(path:)) ?? ConfigurationLoader.defaultConfiguration())
  } catch let error as ConfigurationError {
    printError(error.message(language: language))
    if case .unreadable = error.problem { return .failure(ExitFailure(status: .noInput)) }
    return .failure(ExitFailure(status: .configuration))
  } catch {
    printError("stagecast: \(error)")
    return .failure(ExitFailure(status: .failure))
  }
}

/// An exit status carried as an error.
struct ExitFailure: Error {
  var status: ExitStatus
}

/// Returns the exit status of an import that failed.
func exitStatus(for error: ImportError) -> ExitStatus {
  switch error {
  case .fileNotFound, .unreadable: return .noInput
  case .configuredColumnNotFound, .duplicateColumn, .missingColumn, .ambiguousColumn:
    return .configuration
  default: return .dataError
  }
}

/// Returns the first report file that would overwrite an input file, if any.
func outputClash(_ arguments: ReportArguments, exportPath: String) -> String? {
  func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
  let inputs = Set(
    [
      exportPath, arguments.history, arguments.config, arguments.targets, arguments.team,
      arguments.currentExport,
    ].compactMap { $0 }.map(resolved))
  for name in ReportRenderer.fileNames + BacktestReport.fileNames + ComparisonReport.fileNames {
    let output = (arguments.outputDirectory as NSString).appendingPathComponent(name)
    if inputs.contains(resolved(output)) { return output }
  }
  return nil
}

/// `inspect` prints how the export was understood; `init` prints a starter configuration.
func inspect(_ arguments: ReportArguments, writingConfiguration: Bool, language: ReportLanguage)
  -> ExitStatus
{
  let configuration: Configuration
  switch loadConfiguration(arguments.config, language: language) {
  case .success(let loaded): configuration = loaded
  case .failure(let failure): return failure.status
  }
  guard let exportPath = arguments.export else { return .usage }

  let inspection: ExportInspection
  do {
    inspection = try ExportInspection.inspect(
      path: exportPath, configuration: configuration, encoding: arguments.encoding)
  } catch {
    return failureStatus(for: error, language: language)
  }

  if writingConfiguration {
    print(
      JSONText.render(StarterConfiguration.build(from: inspection, configuration: configuration)),
      terminator: "")
  } else if arguments.isJSON {
    print(InspectionReport.json(inspection, configuration: configuration), terminator: "")
  } else {
    print(
      InspectionReport.text(inspection, configuration: configuration, language: language),
      terminator: "")
  }
  return .success
}

func report(_ arguments: ReportArguments, language fallback: ReportLanguage) -> ExitStatus {
  let clock = ContinuousClock()
  var started = clock.now
  func logStep(_ name: String) {
    guard arguments.isVerbose else { return }
    let elapsed = clock.now - started
    printError(
      "stagecast: \(name): \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))")
    started = clock.now
  }

  let configuration: Configuration
  let language: ReportLanguage
  switch loadSettings(arguments, language: fallback) {
  case .success(let settings): (configuration, language) = settings
  case .failure(let failure): return failure.status
  }
  logStep(language == .zhCN ? "读取配置" : "configuration")

  guard let exportPath = arguments.export else { return .usage }
  if outputOverwritesInput(arguments, exportPath: exportPath, output: .report, language: language) {
    return .usage
  }
  var job = ReportJob(
    exportPath: exportPath, historyPath: arguments.history, configuration: configuration,
    asOf: arguments.asOf ?? today(), language: language, encoding: arguments.encoding)
  job.targetsPath = arguments.targets
  job.teamPath = arguments.team
  // The archive, when it exists, adds the trend and what moved since the newest export in it.
  if FileManager.default.fileExists(atPath: arguments.store) {
    do {
      let store = try SnapshotStore(path: arguments.store)
      for snapshot in try store.snapshots() {
        job.archive[snapshot.asOf] = try store.opportunities(asOf: snapshot.asOf)
      }
    } catch {
      return failureStatus(for: error, language: language)
    }
  }
  for change in arguments.capacityChanges {
    guard let role = configuration.resources.roles.first(where: { $0.id == change.role }) else {
      let roles = configuration.resources.roles.map(\.id).joined(separator: ", ")
      printError(
        language == .zhCN
          ? "stagecast: 错误：--capacity 中的岗位“\(change.role)”不在配置的 resources.roles 里。可用岗位：\(roles)。"
          : "stagecast: error: --capacity names the role '\(change.role)', which is not under resources.roles. The roles are \(roles)."
      )
      return .usage
    }
    let hours = change.isHours ? change.amount : change.amount * role.hoursPerPerson
    job.configuration.capacityChanges[role.id, default: 0] += hours
  }
  if arguments.isBacktesting || arguments.from != nil || arguments.to != nil {
    let (from, to) = Backtest.window(asOf: job.asOf, from: arguments.from, to: arguments.to)
    job.backtestReplays = Backtest.monthEnds(from: from, to: to)
  }

  // A progress line only where someone watches: a terminal, never cron's mail.
  let progress = isatty(STDERR_FILENO) != 0 ? ProgressLine(language: language) : nil
  if let progress { job.onProgress = { progress.update($0, share: $1) } }
  defer { progress?.finish() }

  let analysis: PipelineAnalysis
  do {
    analysis = try job.analyse { step in
      if case .historyMatched = step { progress?.finish() }
      if case .exportRead = step, arguments.history == nil { progress?.finish() }
      switch step {
      case .exportRead: logStep(language == .zhCN ? "读取商机导出" : "export read")
      case .historyRead: logStep(language == .zhCN ? "读取阶段历史" : "history read")
      case .historyMatched: logStep(language == .zhCN ? "匹配阶段历史" : "history matched")
      case .analysisStep(let step):
        logStep((language == .zhCN ? "分析：" : "analysis: ") + step.rawValue)
      case .analysed: logStep(language == .zhCN ? "分析（其余部分）" : "analysis (rest)")
      }
    }
  } catch {
    return failureStatus(for: error, language: language)
  }

  let rejects = analysis.input.rejects
  if arguments.isStrict, !rejects.isEmpty {
    for reject in rejects.prefix(20) {
      printError(Messages.diagnostic(reject, language: language))
    }
    if rejects.count > 20 {
      printError(
        language == .zhCN ? "……另有 \(rejects.count - 20) 处未列出。" : "… and \(rejects.count - 20) more."
      )
    }
    printError(
      language == .zhCN
        ? "stagecast: --strict 模式下共有 \(rejects.count) 处拒收，未生成报告。"
        : "stagecast: rejected rows and values under --strict: \(rejects.count). No report was written."
    )
    return .dataError
  }

  let files = job.render(analysis).filter { file in
    arguments.formats.map { $0.contains(OutputFormat(fileName: file.name)) } ?? true
  }
  logStep(language == .zhCN ? "生成报告" : "rendering")
  guard writeOutput(files, arguments, output: .report, language: language) else { return .failure }
  logStep(language == .zhCN ? "写入文件" : "writing")

  for warning in emptinessWarnings(analysis, arguments: arguments, language: language) {
    printError(warning)
  }
  if !rejects.isEmpty {
    let path = (arguments.outputDirectory as NSString).appendingPathComponent("rejects.csv")
    printError(
      language == .zhCN
        ? "stagecast: 警告：拒收 \(analysis.input.rejectedRows + analysis.input.rejectedHistoryRows + analysis.input.rejectedTargetRows) 行，\(analysis.input.unreadableValues) 个取值按空值处理，明细见 \(path)。"
        : "stagecast: warning: rejected rows: \(analysis.input.rejectedRows + analysis.input.rejectedHistoryRows + analysis.input.rejectedTargetRows); values read as missing: \(analysis.input.unreadableValues); see \(path)."
    )
  }
  if let whatIf = analysis.resourcesWhatIf {
    print(
      whatIfLine(
        before: analysis.resources, after: whatIf, changes: job.configuration.capacityChanges,
        language: language, currency: configuration.currency))
  }
  if arguments.isVerbose || isatty(STDOUT_FILENO) != 0 {
    printSummary(
      analysis, files: files, arguments: arguments, language: language,
      currency: configuration.currency)
  }
  keptUntilExit = analysis
  return .success
}

/// The report's analysis, held until the process exits right after the
/// report: releasing a million deals one object at a time only delayed
/// the exit, by 80 ms at a million deals.
nonisolated(unsafe) var keptUntilExit: PipelineAnalysis?

/// Builds warnings for a report with little in it, which a cron job should see on stderr.
func emptinessWarnings(
  _ analysis: PipelineAnalysis, arguments: ReportArguments, language: ReportLanguage
) -> [String] {
  let zh = language == .zhCN
  let prefix = zh ? "stagecast: 警告：" : "stagecast: warning: "
  var warnings: [String] = []
  let counts = analysis.counts
  if counts.population == 0 {
    warnings.append(
      prefix
        + (zh
          ? "截至 \(analysis.asOf.isoString) 没有可计算的商机（导入 \(analysis.opportunities.count) 个，其中 \(counts.notCreatedYet) 个创建于截止日之后）。请检查 --as-of 和导出文件。"
          : "no deal counts as of \(analysis.asOf.isoString) (\(analysis.opportunities.count) imported, \(counts.notCreatedYet) created after it). Check --as-of and the export.")
    )
  }
  if let history = arguments.history, analysis.input.historyUnknownIDRows > 0,
    !analysis.states.contains(where: \.hasHistory)
  {
    warnings.append(
      prefix
        + (zh
          ? "\(history) 中没有一条记录的商机编号能在导出文件中找到。请确认两个文件来自同一系统、同一次导出。"
          : "no row of \(history) matches a deal of the export by id. Check that both files come from the same export.")
    )
  }
  if !analysis.targets.ignoredMonths.isEmpty {
    let months = analysis.targets.ignoredMonths.map(Day.monthLabel).joined(separator: ", ")
    warnings.append(
      prefix
        + (zh
          ? "以下月份不在预测期间内，其业绩目标未使用：\(months)。请核对年份，或调大 forecast.horizonMonths。"
          : "targets for months outside the forecast lines were not used: \(months). Check the year, or extend forecast.horizonMonths.")
    )
  }
  if counts.closedWithoutDate > 0 {
    warnings.append(
      prefix
        + (zh
          ? "\(counts.closedWithoutDate) 个已关闭商机缺少关闭日期，不计入任何指标。请导出关闭日期列，或在配置中设置 forecast.lookbackMonths 为 0。"
          : "\(counts.closedWithoutDate) closed deals have no close date and are left out of every figure. Export the close date, or set forecast.lookbackMonths to 0.")
    )
  }
  return warnings
}

func printSummary(
  _ analysis: PipelineAnalysis, files: [ReportFile], arguments: ReportArguments,
  language: ReportLanguage,
  currency: String
) {
  let format = NumberFormatting(language: language, currency: currency)
  let month = format.month(analysis.forecast.asOfMonth)
  let won = analysis.forecast.asOfMonthLine.total.wonSoFar
  let monthRange = analysis.range.line(for: analysis.forecast.asOfMonthLine.period)
  let low = format.amount(won + monthRange.p10)
  let high = format.amount(won + monthRange.p90)
  // The first file written names the report: report.html unless --format left it out.
  let shown =
    ["report.html", "report.md", "summary.json"].first { name in files.contains { $0.name == name }
    }
    ?? files.first?.name ?? "report.html"
  let report = (arguments.outputDirectory as NSString).appendingPathComponent(shown)
  if language == .zhCN {
    print(
      "统计截止日 \(format.date(analysis.asOf))：进行中商机 \(format.count(analysis.counts.open)) 个，逾期 \(format.count(analysis.counts.overdue)) 个。"
    )
    print(
      "\(month)预计完成 \(format.amount(analysis.forecast.landing))（含逾期 \(format.amount(analysis.forecast.landingWithOverdue))），区间 P10–P90 为 \(low) – \(high)。"
    )
    print("报告：\(report)")
  } else {
    print(
      "As of \(format.date(analysis.asOf)): \(format.count(analysis.counts.open)) open deals, \(format.count(analysis.counts.overdue)) overdue."
    )
    print(
      "Landing for \(month): \(format.amount(analysis.forecast.landing)) (with overdue deals \(format.amount(analysis.forecast.landingWithOverdue))), range P10–P90 \(low) – \(high)."
    )
    print("Report: \(report)")
  }
}

exit(run().rawValue)

/// `backtest` replays past month-ends, writes backtest.md and its CSV
/// tables, and prints the scores.
func backtest(_ arguments: ReportArguments, language fallback: ReportLanguage) -> ExitStatus {
  let configuration: Configuration
  let language: ReportLanguage
  switch loadSettings(arguments, language: fallback) {
  case .success(let settings): (configuration, language) = settings
  case .failure(let failure): return failure.status
  }
  guard let exportPath = arguments.export else { return .usage }
  if outputOverwritesInput(
    arguments, exportPath: exportPath, output: .backtest, language: language)
  {
    return .usage
  }

  let asOf = arguments.asOf ?? today()
  let (from, to) = Backtest.window(asOf: asOf, from: arguments.from, to: arguments.to)
  let replays = Backtest.monthEnds(from: from, to: to)
  guard !replays.isEmpty else {
    printError(
      language == .zhCN
        ? "stagecast: 错误：\(from.isoString) 至 \(to.isoString) 之间没有月末可回测。请让 --from 早于 --to，且区间包含至少一个月末。"
        : "stagecast: error: there is no month-end from \(from.isoString) to \(to.isoString) to replay. Give a --from before --to with at least one month-end between them."
    )
    return .usage
  }

  let job = ReportJob(
    exportPath: exportPath, historyPath: arguments.history, configuration: configuration,
    asOf: asOf, language: language, encoding: arguments.encoding)
  let result: Backtest
  do {
    // Archived exports, when the store exists, replay the figures of their time.
    var archive: [Day: [Opportunity]] = [:]
    if FileManager.default.fileExists(atPath: arguments.store) {
      let store = try SnapshotStore(path: arguments.store)
      for snapshot in try store.snapshots()
      where replays.contains(snapshot.asOf) || snapshot.asOf < to {
        archive[snapshot.asOf] = try store.opportunities(asOf: snapshot.asOf)
      }
      print(
        language == .zhCN
          ? "stagecast: 使用快照库 \(arguments.store) 中的 \(archive.count) 期快照回放当时的数据。"
          : "stagecast: replaying \(archive.count) archived exports from \(arguments.store).")
    }
    result = try job.backtest(replays: replays, archive: archive).backtest
  } catch {
    return failureStatus(for: error, language: language)
  }

  let files = BacktestReport.render(result, language: language, currency: configuration.currency)
  guard writeOutput(files, arguments, output: .backtest, language: language) else {
    return .failure
  }
  print(BacktestReport.summary(result, language: language), terminator: "")
  let path = (arguments.outputDirectory as NSString).appendingPathComponent("backtest.md")
  print(language == .zhCN ? "回测结果：\(path)" : "Backtest: \(path)")
  return .success
}

/// The what-if's result in one line: the capacity added and the change in funded expected value.
func whatIfLine(
  before: ResourcePlan, after: ResourcePlan, changes: [String: Double], language: ReportLanguage,
  currency: String
) -> String {
  let format = NumberFormatting(language: language, currency: currency)
  let added = changes.sorted { $0.key < $1.key }.map { role, hours in
    "\(role) \(hours >= 0 ? "+" : "")\(NumberFormatting.fixed(hours, decimals: 0))h"
  }.joined(separator: ", ")
  let gained = after.fundedExpectedValue - before.fundedExpectedValue
  let sign = gained >= 0 ? "+" : "−"
  return language == .zhCN
    ? "假设调整产能（每月 \(added)）：资源已覆盖商机的加权金额 \(format.amount(before.fundedExpectedValue)) → \(format.amount(after.fundedExpectedValue))（\(sign)\(format.amount(abs(gained)))），有资源缺口的商机 \(before.deals.filter(\.isUnfunded).count) → \(after.deals.filter(\.isUnfunded).count) 笔。"
    : "What-if (\(added) a month): funded expected value \(format.amount(before.fundedExpectedValue)) → \(format.amount(after.fundedExpectedValue)) (\(sign)\(format.amount(abs(gained)))); deals with an unfunded share \(before.deals.filter(\.isUnfunded).count) → \(after.deals.filter(\.isUnfunded).count)."
}

/// The progress line of a long import on a terminal's stderr: the share of
/// each input read, redrawn at most ten times a second and cleared at the end.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let language: ReportLanguage
  private var shares: [ReportInput: Double] = [:]
  private var lastDrawn: ContinuousClock.Instant?
  private var isShown = false
  private var isFinished = false

  init(language: ReportLanguage) {
    self.language = language
  }

  /// Records `share` of `input` and redraws the line when a tenth of a second has passed.
  func update(_ input: ReportInput, share: Double) {
    lock.lock()
    defer { lock.unlock() }
    guard !isFinished else { return }
    shares[input] = share
    let now = ContinuousClock.now
    if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
    lastDrawn = now

    func percent(_ input: ReportInput) -> String? {
      shares[input].map { "\(Int(($0 * 100).rounded(.down)))%" }
    }
    let parts: [String]
    if language == .zhCN {
      parts = [percent(.export).map { "商机导出 \($0)" }, percent(.history).map { "阶段历史 \($0)" }]
        .compactMap { $0 }
    } else {
      parts = [percent(.export).map { "export \($0)" }, percent(.history).map { "history \($0)" }]
        .compactMap { $0 }
    }
    let text =
      language == .zhCN
      ? "stagecast：读取中 \(parts.joined(separator: "，"))"
      : "stagecast: reading \(parts.joined(separator: ", "))"
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    isShown = true
  }

  /// Clears the line, once; later updates draw nothing.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !isFinished else { return }
    isFinished = true
    if isShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}

/// `compare` imports two exports, each at its own as-of date, writes
/// compare.md, waterfall.csv and slipped.csv, and prints the waterfall.
func compare(_ arguments: ReportArguments, language fallback: ReportLanguage) -> ExitStatus {
  let configuration: Configuration
  let language: ReportLanguage
  switch loadSettings(arguments, language: fallback) {
  case .success(let settings): (configuration, language) = settings
  case .failure(let failure): return failure.status
  }
  guard let previousPath = arguments.export, let currentPath = arguments.currentExport else {
    return .usage
  }
  if outputOverwritesInput(
    arguments, exportPath: previousPath, output: .comparison, language: language)
  {
    return .usage
  }
  let asOf = arguments.asOf ?? today()
  // By default the previous export is a month older: a monthly meeting's pair.
  let previousAsOf = arguments.previousAsOf ?? asOf.subtractingMonths(1)

  let importer = OpportunityImporter(configuration: configuration, encoding: arguments.encoding)
  let comparison: Comparison
  do {
    let previous = try importer.importOpportunities(from: previousPath)
    let current = try importer.importOpportunities(from: currentPath)
    comparison = Comparison.compare(
      previous: previous.opportunities, previousAsOf: previousAsOf,
      current: current.opportunities, currentAsOf: asOf, configuration: configuration)
  } catch {
    return failureStatus(for: error, language: language)
  }

  let files = ComparisonReport.render(
    comparison, language: language, currency: configuration.currency)
  guard writeOutput(files, arguments, output: .comparison, language: language) else {
    return .failure
  }
  let format = NumberFormatting(language: language, currency: configuration.currency)
  for bucket in WaterfallBucket.allCases {
    print(
      "\(ComparisonReport.bucketName(bucket, language)): \(format.amount(comparison.amount(bucket))) (\(comparison.deals[bucket] ?? 0))"
    )
  }
  let path = (arguments.outputDirectory as NSString).appendingPathComponent("compare.md")
  print(language == .zhCN ? "对比结果：\(path)" : "Comparison: \(path)")
  return .success
}

/// `snapshot add` stores an export under its as-of date, `list` shows the
/// stored dates, `remove` deletes one.
func snapshot(_ arguments: ReportArguments, language fallback: ReportLanguage) -> ExitStatus {
  let configuration: Configuration
  let language: ReportLanguage
  switch loadSettings(arguments, language: fallback) {
  case .success(let settings): (configuration, language) = settings
  case .failure(let failure): return failure.status
  }
  let zh = language == .zhCN

  do {
    let directory = (arguments.store as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    let store = try SnapshotStore(path: arguments.store)
    switch arguments.snapshotAction {
    case "list":
      let stored = try store.snapshots()
      if stored.isEmpty {
        print(zh ? "快照库 \(arguments.store) 为空。" : "No snapshot in \(arguments.store).")
      }
      for snapshot in stored {
        print(
          zh
            ? "\(snapshot.asOf.isoString)  \(snapshot.deals) 笔商机"
            : "\(snapshot.asOf.isoString)  \(snapshot.deals) deals")
      }
    case "remove":
      guard let text = arguments.export, let day = Day(iso: text) else {
        printError(
          zh
            ? "stagecast: 错误：请给出要删除的日期，格式 YYYY-MM-DD。"
            : "stagecast: error: give the date to remove as YYYY-MM-DD.")
        return .usage
      }
      let removed = try store.remove(asOf: day)
      print(
        removed
          ? (zh ? "已删除 \(text) 的快照。" : "Removed the snapshot of \(text).")
          : (zh ? "\(text) 没有快照，未做改动。" : "No snapshot for \(text); nothing changed."))
    default:
      guard let exportPath = arguments.export else { return .usage }
      let asOf = arguments.asOf ?? today()
      let imported = try OpportunityImporter(
        configuration: configuration, encoding: arguments.encoding
      )
      .importOpportunities(from: exportPath)
      // The profile and the columns read tell one CRM's mapping from another.
      let columns = imported.mapping.columns.map {
        "\($0.key.rawValue)=\(imported.mapping.headers[$0.value])"
      }
      .sorted().joined(separator: ";")
      let source = "\(imported.profile.rawValue)|\(columns)"
      switch try store.add(imported.opportunities, asOf: asOf, source: source) {
      case .added(let deals):
        print(
          zh
            ? "已存入 \(asOf.isoString) 的快照：\(deals) 笔商机（\(arguments.store)）。"
            : "Stored the snapshot of \(asOf.isoString): \(deals) deals (\(arguments.store)).")
      case .alreadyStored:
        print(
          zh
            ? "\(asOf.isoString) 已存有同一份导出，未做改动。"
            : "The same export is already stored for \(asOf.isoString); nothing changed.")
      }
    }
  } catch {
    return failureStatus(for: error, language: language)
  }
  return .success
}
