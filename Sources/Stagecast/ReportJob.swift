/// An input file of a report run.
public enum ReportInput: Sendable {
  case export, history
}

/// A step of a report run whose end `ReportJob.analyse(onStep:)` reports.
public enum ReportStep: Sendable {
  /// The export is imported.
  case exportRead
  /// The history file is read (on its own thread, so this is the wait for it).
  case historyRead
  /// History rows are matched to the export's deals.
  case historyMatched
  /// One step of the analysis is done.
  case analysisStep(AnalysisStep)
  /// Every figure of the report is computed.
  case analysed
}

/// One `stagecast report` run: import → model → analysis → render, with no
/// knowledge of the command line.
public struct ReportJob: Sendable {
  public var exportPath: String
  public var historyPath: String?
  public var configuration: Configuration
  public var asOf: Day
  public var language: ReportLanguage
  public var encoding: TextEncoding?
  /// Month-ends to replay into the report's methodology section; nil for none.
  public var backtestReplays: [Day]?
  /// A targets CSV whose company rows replace the configuration's `targets`.
  public var targetsPath: String?
  /// A team CSV whose hours replace the configured capacity of the roles it lists.
  public var teamPath: String?
  /// Archived exports by date: the report adds their trend and what moved since the newest one.
  public var archive: [Day: [Opportunity]] = [:]
  /// Called from the reading threads with the input (export or history) and
  /// the share of it read so far, for a progress line.
  public var onProgress: (@Sendable (ReportInput, Double) -> Void)?
  /// Stops `analyse` after the import with an empty analysis, so a profile
  /// of the import is not mixed with the analysis.
  public var stopsAfterImport = false

  public init(
    exportPath: String, historyPath: String?, configuration: Configuration, asOf: Day,
    language: ReportLanguage, encoding: TextEncoding? = nil
  ) {
    self.exportPath = exportPath
    self.historyPath = historyPath
    self.configuration = configuration
    self.asOf = asOf
    self.language = language
    self.encoding = encoding
  }

  /// Imports and analyses the inputs, calling `onStep` as each step ends
  /// (for `--verbose` timings).
  /// - Throws: `ImportError` when a file cannot be read or its columns placed.
  public func analyse(onStep: (ReportStep) -> Void = { _ in }) throws -> PipelineAnalysis {
    var inputs = try importInputs(onStep: onStep)
    if stopsAfterImport {
      inputs.opportunities = []
      inputs.history = nil
    }
    var configuration = configuration
    if let targetsPath {
      let targets = try TargetsImporter.read(path: targetsPath, encoding: encoding)
      configuration.targets.merge(targets.company) { _, fromFile in fromFile }
      configuration.ownerTargets = targets.owners
      configuration.regionTargets = targets.regions
      inputs.summary.rejects += targets.rejects
    }
    if let teamPath {
      inputs.summary.rejects += try TeamImporter.apply(
        path: teamPath, to: &configuration.resources, encoding: encoding)
    }
    var analysis = PipelineAnalysis.analyse(
      opportunities: inputs.opportunities, history: inputs.history, asOf: asOf,
      configuration: configuration, input: inputs.summary
    ) { onStep(.analysisStep($0)) }
    if let backtestReplays {
      analysis.backtest = Backtest.run(
        opportunities: inputs.opportunities, history: inputs.history, replays: backtestReplays,
        dataAsOf: asOf, configuration: configuration, archive: archive)
    }
    if !archive.isEmpty {
      // Each archived date as it stood then, and today's export last.
      analysis.trend = archive.keys.sorted().filter { $0 < asOf }.map { day in
        TrendPoint.measure(archive[day] ?? [], asOf: day, configuration: configuration)
      }
      analysis.trend.append(
        TrendPoint.measure(inputs.opportunities, asOf: asOf, configuration: configuration))
      if let previous = archive.keys.filter({ $0 < asOf }).max() {
        analysis.sinceLastSnapshot = Comparison.compare(
          previous: archive[previous] ?? [], previousAsOf: previous,
          current: inputs.opportunities, currentAsOf: asOf, configuration: configuration)
      }
    }
    onStep(.analysed)
    return analysis
  }

  /// Imports the inputs and replays each month-end of `replays` (see `Backtest`).
  /// - Throws: `ImportError` when a file cannot be read or its columns placed.
  public func backtest(
    replays: [Day], archive: [Day: [Opportunity]] = [:], onStep: (ReportStep) -> Void = { _ in }
  ) throws -> (backtest: Backtest, input: ImportSummary) {
    let inputs = try importInputs(onStep: onStep)
    let backtest = Backtest.run(
      opportunities: inputs.opportunities, history: inputs.history, replays: replays,
      dataAsOf: asOf, configuration: configuration, archive: archive)
    onStep(.analysed)
    return (backtest, inputs.summary)
  }

  /// The deals, their stage history and the reading of the files.
  private struct Inputs {
    var opportunities: [Opportunity]
    var history: StageHistory?
    var summary: ImportSummary
  }

  private func importInputs(onStep: (ReportStep) -> Void) throws -> Inputs {
    // The history needs no deal to be read, only to be matched, so it is
    // read on a second thread while the export is imported on this one.
    var historyImporter = HistoryImporter(configuration: configuration, encoding: encoding)
    if let onProgress {
      historyImporter.progress = { @Sendable share in onProgress(.history, share) }
    }
    let reader = historyImporter
    if historyPath == nil, configuration.columns.isEmpty,
      try historyImporter.isStageHistory(exportPath)
    {
      return try importHistoryOnly(historyImporter)
    }
    let reading = historyPath.map { path in
      BackgroundTask { try reader.readHistory(from: path) }
    }
    var exportImporter = OpportunityImporter(configuration: configuration, encoding: encoding)
    if let onProgress {
      exportImporter.progress = { @Sendable share in onProgress(.export, share) }
    }
    let export = try exportImporter.importOpportunities(from: exportPath)
    onStep(.exportRead)
    var unmatched = try reading?.value()
    if unmatched != nil { onStep(.historyRead) }
    var history: ImportedHistory?
    // Taken out of the optional, so matching owns the only copy of the entries.
    if let unmatched = unmatched.take() {
      if let index = export.idIndex {
        history = unmatched.matched(to: index)
      } else {
        history = unmatched.matched(to: export.opportunities)
      }
    }
    if history != nil { onStep(.historyMatched) }

    var input = ImportSummary(
      export: InputFile(
        path: export.file, encoding: export.encoding.rawValue,
        delimiter: String(UnicodeScalar(export.delimiter)), rows: export.rowCount,
        mappedColumns: mapped(export.mapping), unmappedHeaders: export.mapping.unmappedHeaders),
      history: history.map { history in
        InputFile(
          path: history.file, encoding: history.encoding.rawValue,
          delimiter: String(UnicodeScalar(history.delimiter)),
          rows: history.history.rowCount, mappedColumns: mapped(history.mapping),
          unmappedHeaders: history.mapping.unmappedHeaders)
      },
      rejects: export.rejects + (history?.rejects ?? []),
      collapsedDuplicateRows: export.collapsedDuplicateRows,
      hasIDColumn: export.hasIDColumn,
      historyOutcomeRows: history?.history.outcomeRows ?? 0,
      historyUnknownIDRows: history?.history.unknownOpportunityRows ?? 0)
    input.footerLines = export.footerLines
    input.export.profile = export.profile.rawValue

    let stageHeaders = Set(export.stageColumns.map { export.mapping.headers[$0.column] })
    input.export.unmappedHeaders.removeAll { stageHeaders.contains($0) }
    for column in export.stageColumns {
      input.export.mappedColumns.append(
        (
          "history.stageColumns.\(configuration.stages[column.stage - 1].id)",
          export.mapping.headers[column.column]
        ))
    }

    // Entries from per-stage columns and from a history file describe the same deals.
    var stageHistory = history?.history
    if let wide = export.stageHistory {
      if stageHistory == nil { stageHistory = StageHistory() }
      stageHistory?.entries += wide.entries
    }

    return Inputs(opportunities: export.opportunities, history: stageHistory, summary: input)
  }

  /// Renders the analysis into report files in memory.
  public func render(_ analysis: PipelineAnalysis) -> [ReportFile] {
    ReportRenderer.render(
      ReportContext(analysis: analysis, configuration: configuration, language: language))
  }

  /// Reads an export that is itself a stage history (an opportunity
  /// history report on its own): deals come from its ids and outcome rows.
  private func importHistoryOnly(_ importer: HistoryImporter) throws -> Inputs {
    let (deals, history) = try importer.derivedDeals(from: exportPath)
    var input = ImportSummary(
      export: InputFile(
        path: exportPath, encoding: history.encoding.rawValue,
        delimiter: String(UnicodeScalar(history.delimiter)), rows: history.history.rowCount,
        mappedColumns: mapped(history.mapping), unmappedHeaders: history.mapping.unmappedHeaders),
      history: nil, rejects: history.rejects, collapsedDuplicateRows: 0, hasIDColumn: true,
      historyOutcomeRows: history.history.outcomeRows, historyUnknownIDRows: 0)
    input.isBuiltFromHistory = true
    return Inputs(opportunities: deals, history: history.history, summary: input)
  }

  private func mapped<Field>(_ mapping: ColumnMapping<Field>) -> [(field: String, header: String)] {
    var pairs = mapping.columns.map { (index: $0.value, field: $0.key.rawValue) }
    for (field, indices) in mapping.alternativeColumns {
      pairs += indices.map { (index: $0, field: field.rawValue) }
    }
    return pairs.sorted { $0.index < $1.index }.map { ($0.field, mapping.headers[$0.index]) }
  }
}
