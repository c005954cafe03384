/// The words of a report in one language.
///
/// zh-CN is written the way a
/// Chinese sales-operations team writes its monthly forecast, not translated
/// word for word from the English.
struct ReportWords: Sendable {
  var title: String
  var asOfLine: @Sendable (String, String) -> String
  var generatedBy: String

  var summary: String
  var landingThisMonth: @Sendable (String) -> String
  var landingWithOverdue: String
  /// Label of the range card: the month's landing from P10 to P90.
  var landingRange: @Sendable (String) -> String
  /// The as-of quarter's landing card; the argument is the quarter, formatted.
  var landingQuarter: @Sendable (String) -> String
  var landingQuarterRange: @Sendable (String) -> String
  var pipelineRange: String
  var rangeNote: @Sendable (Int) -> String
  var wonSoFar: String
  var wonThisMonth: String
  var expectedThisMonth: String
  var openPipeline: String
  var openDeals: String
  var expectedOpen: String
  var overdueDeals: String
  var dealsOverview: String
  var imported: String
  var rejected: String
  var open: String
  var won: String
  var lost: String
  var excluded: String
  var population: String
  var closedBeforeWindow: String

  var funnelSection: String
  var funnelIntro: String
  /// Legend of the funnel bars.
  var funnelLegend: String
  /// Header of a count or amount column without a better name.
  var valueHeader: String
  /// Header of the summary's figure column.
  var figureHeader: String
  var stage: String
  var visited: String
  var reached: String
  var advanced: String
  var censored: String
  var advanceRate: String
  var winRate: String
  var winRateByAmount: String
  var noHistoryNote: @Sendable (Int) -> String

  var winProbabilitySection: String
  var winProbabilityIntro: @Sendable (Double) -> String
  var grade: String
  var track: String
  var configuredMark: String
  var configuredNote: String

  var forecastSection: String
  var forecastIntro: String
  var period: String
  var pipeline: String
  var expected: String
  var landing: String
  var notValued: String
  var ownersCall: String
  var target: String
  var gap: String
  var coverage: String
  var targetGapCard: @Sendable (String) -> String
  var coverageNote: @Sendable (String) -> String
  var ownersCallNote: String
  var periodName: @Sendable (ForecastPeriod, NumberFormatting) -> String
  var notValuedNote: @Sendable (Int) -> String

  var auditSection: String
  var auditIntro: String
  var finding: String
  var findingName: @Sendable (GradeFinding) -> String
  var computedGrades: @Sendable (Int) -> String
  var recordedGrade: String
  var computedGrade: String
  var skippedStages: String
  var noAuditFindings: String

  var overdueSection: String
  var overdueIntro: String
  var dealID: String
  var dealName: String
  var account: String
  var owner: String
  var amount: String
  var expectedClose: String
  var daysOverdue: String
  var noOverdue: String
  var truncated: @Sendable (Int, String) -> String

  var breakdownSection: String
  var breakdownIntro: String
  var dimensionName: @Sendable (BreakdownDimension) -> String
  var emptyValue: String
  var targetsIgnored: @Sendable (String) -> String
  var resolved: String
  var velocitySection: String
  var velocityIntro: String
  var completedStays: String
  var medianDays: String
  var p90Days: String
  var stalledIntro: @Sendable (Int) -> String
  var daysInStage: String
  var limitDays: String
  var noStalled: String
  var requiredSection: String
  var requiredIntro: @Sendable (Int) -> String
  var missingFields: String
  var noMissingFields: String
  var qualitySection: String
  var rejectsLine: @Sendable (Int, Int) -> String
  var rejectsNone: String
  var line: String
  var column: String
  var value: String
  var reason: String
  var rowKept: String
  var yes: String
  var no: String
  var qualityItems: String
  var withoutHistory: @Sendable (Int) -> String
  var lostUnknownStage: @Sendable (Int) -> String
  var withoutExpectedClose: @Sendable (Int) -> String
  var movedBack: @Sendable (Int) -> String
  var stageDisagreements: @Sendable (Int) -> String
  var missingRate: @Sendable (String, Int) -> String
  var historyAfterAsOf: @Sendable (Int) -> String
  var entriesAfterClose: @Sendable (Int) -> String
  var historyUnknownIDs: @Sendable (Int) -> String
  var lossesMissing: String
  var builtFromHistory: String
  var footerSkipped: @Sendable (Int, Int, Int) -> String
  var pastAsOf: @Sendable (String) -> String
  var collapsedDuplicates: @Sendable (Int) -> String
  var noIDColumn: String
  var closedWithoutDate: @Sendable (Int) -> String

  var methodSection: String
  var methodText: @Sendable (String, Int, Double) -> String
  var frameworkSection: String
  var requiredFields: String
  var tasks: String
  var processes: String
  var people: String
  var maxDays: String
  var none: String

  var trackName: @Sendable (Track) -> String
}

/// A count with thousands separators, for the sentences of both languages.
func grouped(_ count: Int) -> String {
  NumberFormatting.grouped(Double(count), decimals: 0)
}
