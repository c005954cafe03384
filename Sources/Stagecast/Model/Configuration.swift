/// A text in the two report languages.
public struct LocalizedText: Equatable, Sendable {
  public var zh: String
  public var en: String

  public init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  /// Returns the text for `language`.
  public func text(_ language: ReportLanguage) -> String {
    language == .zhCN ? zh : en
  }
}

/// The language a report, help text or message is written in.
public enum ReportLanguage: String, CaseIterable, Sendable {
  case zhCN = "zh-CN"
  case en = "en"

  /// Reads `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en_US` and similar spellings.
  public init?(tag: String) {
    let lowered = tag.lowercased()
    if lowered.hasPrefix("zh") {
      self = .zhCN
    } else if lowered.hasPrefix("en") {
      self = .en
    } else {
      return nil
    }
  }
}

/// One stage of the sales process (商机阶段) with its stage framework (商机管理框架).
public struct Stage: Equatable, Sendable {
  /// Stable id used in configuration, JSON and CSV (`validate`, `approve`, …).
  public var id: String
  /// Position in the process, 1 for the first stage.
  public var index: Int
  public var name: LocalizedText
  /// Spellings of this stage in exports and history files, besides both names.
  public var aliases: [String]
  /// The probability used where no deal that visited the stage is resolved.
  public var defaultProbability: Double
  /// Canonical field names that must be filled in before a deal may sit here (必填内容).
  public var requiredFields: [String]
  /// Tasks that must be done in this stage (必做之事).
  public var tasks: [LocalizedText]
  /// Company processes that apply (相关流程).
  public var processes: [LocalizedText]
  /// People involved (涉及人员).
  public var people: [LocalizedText]
  /// Days a deal may stay in this stage before it counts as stalled.
  public var maxDaysInStage: Int?
}

/// The words that mark a deal's outcome, in a stage or status column.
public struct OutcomeVocabulary: Equatable, Sendable {
  public var won: [String]
  public var lost: [String]
  public var excluded: [String]
  /// Words that mark an open deal in a status column (进行中, Open, `O`).
  public var open: [String]
}

/// Grade thresholds and the track each grade takes.
public struct GradePolicy: Equatable, Sendable {
  /// Smallest amount, in the configured currency, of grades A, B and C; smaller is D.
  public var minimumAmountA: Double
  public var minimumAmountB: Double
  public var minimumAmountC: Double
  public var tracks: [Grade: Track]

  /// Returns the grade that amount and who leads give.
  ///
  /// That is E for partner-led deals, else A, B, C by the thresholds and D below them, or nil
  /// when an our-company deal has no value to grade by.
  public func computedGrade(amount: Double?, ledByPartner: Bool) -> Grade? {
    if ledByPartner { return .e }
    guard let amount else { return nil }
    if amount >= minimumAmountA { return .a }
    if amount >= minimumAmountB { return .b }
    if amount >= minimumAmountC { return .c }
    return .d
  }

  /// Returns the track of `grade`.
  public func track(of grade: Grade) -> Track {
    tracks[grade] ?? (grade == .e ? .partner : .full)
  }
}

/// Settings of the forecast and of the rates behind it.
public struct ForecastSettings: Equatable, Sendable {
  /// Months of closed deals that count for rates; 0 counts every closed deal.
  public var lookbackMonths: Int
  /// Prior strength m of the shrinkage towards the track and all deals.
  public var priorStrength: Double
  /// Monthly forecast lines from the as-of month on, before the `later` line.
  public var horizonMonths: Int
  /// Monte Carlo runs of the range.
  public var simulations: Int
  /// Seed of the range's random generator.
  public var seed: UInt64
}

/// The reading of dates whose day and month are both at most 12.
public enum DateOrder: String, CaseIterable, Sendable {
  /// Decided per column from its values; month first when nothing decides.
  case auto
  case ymd
  case mdy
  case dmy
}

/// The whole configuration: the built-in TAS+ default with a user file merged over it.
public struct Configuration: Sendable {
  public var language: ReportLanguage?
  public var stages: [Stage]
  public var outcomes: OutcomeVocabulary
  /// Values of the led-by column that mean a partner leads (合作伙伴主导).
  public var partnerWords: [String]
  public var grades: GradePolicy
  /// Explicit column names of the opportunity export, by canonical field.
  public var columns: [OpportunityField: String]
  /// Explicit column names of the stage history, by history field.
  public var historyColumns: [HistoryField: String]
  /// Columns of the export that hold, per stage id, the date a deal entered
  /// that stage or the time it spent there (wide-format history).
  public var stageColumns: [String: String]
  /// Cell values read as missing (compared after trimming, case ignored).
  public var emptyMarkers: [String]
  public var dateOrder: DateOrder
  /// Currency code amounts are reported in.
  public var currency: String
  /// Value of one unit of another currency in the report currency.
  public var exchangeRates: [String: Double]
  /// Spellings of the report currency in a currency column (人民币, RMB, ¥).
  public var currencyAliases: [String]
  public var forecast: ForecastSettings
  /// Target amount per month (`YYYY-MM`), in the report currency.
  public var targets: [Int: Double] = [:]
  /// Owner → month number → target, from a targets file.
  public var ownerTargets: [String: [Int: Double]] = [:]
  /// Region → month number → target, from a targets file.
  public var regionTargets: [String: [Int: Double]] = [:]
  /// Roles, effort per grade and stage, and the funding policy.
  public var resources = ResourceSettings.tasDefault(stageCount: 7)
  /// Extra monthly hours per role id for a what-if (`--capacity presales=+2`).
  public var capacityChanges: [String: Double] = [:]

  /// The number of stages, N.
  public var stageCount: Int { stages.count }
}
