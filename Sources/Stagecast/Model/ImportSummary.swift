/// How one input file was read.
public struct InputFile: Sendable {
  public var path: String
  /// Encoding name, such as `utf-8`, `utf-8 (BOM)` or `gb18030`.
  public var encoding: String
  /// `,`, `;` or `\t`.
  public var delimiter: String
  /// Data rows read, header excluded.
  public var rows: Int
  /// Each mapped canonical field with the header it was read from, in column order.
  public var mappedColumns: [(field: String, header: String)]
  public var unmappedHeaders: [String]
  /// The system the file was recognised as (`salesforce`, `odoo`, …), for exports.
  public var profile: String?

  public init(
    path: String, encoding: String, delimiter: String, rows: Int,
    mappedColumns: [(field: String, header: String)], unmappedHeaders: [String]
  ) {
    self.path = path
    self.encoding = encoding
    self.delimiter = delimiter
    self.rows = rows
    self.mappedColumns = mappedColumns
    self.unmappedHeaders = unmappedHeaders
  }
}

/// What the import read and what it could not use, for the report's data-quality section.
public struct ImportSummary: Sendable {
  public var export: InputFile
  public var history: InputFile?
  /// Rejected rows and unreadable values of both files, in file and line order.
  public var rejects: [RejectedRow]
  /// Rows that repeated a deal with the same fields and were merged.
  public var collapsedDuplicateRows: Int
  public var hasIDColumn: Bool
  /// History rows whose stage is an outcome word.
  public var historyOutcomeRows: Int
  /// History rows for ids not in the export.
  public var historyUnknownIDRows: Int
  /// Lines of a report footer after the data, skipped.
  public var footerLines: [Int] = []
  /// The export was a stage history on its own; deals were built from its
  /// ids and outcome rows, without amounts.
  public var isBuiltFromHistory = false

  public init(
    export: InputFile, history: InputFile?, rejects: [RejectedRow], collapsedDuplicateRows: Int,
    hasIDColumn: Bool, historyOutcomeRows: Int, historyUnknownIDRows: Int
  ) {
    self.export = export
    self.history = history
    self.rejects = rejects
    self.collapsedDuplicateRows = collapsedDuplicateRows
    self.hasIDColumn = hasIDColumn
    self.historyOutcomeRows = historyOutcomeRows
    self.historyUnknownIDRows = historyUnknownIDRows
  }

  /// Export rows dropped: they could not be placed in the funnel.
  public var rejectedRows: Int {
    rejects.reduce(0) { $0 + (!$1.isRowKept && $1.file == export.path ? 1 : 0) }
  }

  /// History rows dropped (unknown stage, missing id or date).
  public var rejectedHistoryRows: Int {
    rejects.reduce(0) { $0 + (!$1.isRowKept && $1.file == history?.path ? 1 : 0) }
  }

  /// Rows of a targets file dropped (a month or target that could not be read).
  public var rejectedTargetRows: Int {
    rejects.reduce(0) {
      $0 + (!$1.isRowKept && $1.file != export.path && $1.file != history?.path ? 1 : 0)
    }
  }

  /// Values read as missing while their row was kept.
  public var unreadableValues: Int { rejects.reduce(0) { $0 + ($1.isRowKept ? 1 : 0) } }
}
