/// What a stage or status word means under the configuration.
enum StageWord: Equatable {
  case stage(Int)
  case outcome(DealStatus)
}

/// Looks up stage, outcome, status and led-by words, with case, width,
/// spaces and punctuation ignored.
struct Vocabulary {
  private var stageWords: [String: StageWord] = [:]
  private var statusWords: [String: DealStatus] = [:]
  private var partnerWords: Set<String> = []
  private var emptyMarkers: Set<String> = []
  /// Longest empty marker in UTF-8 bytes; longer cells skip the lookup.
  private var longestEmptyMarker = 0
  private var currencyAliases: Set<String> = []

  init(configuration: Configuration, statusCodes: [String: DealStatus] = [:]) {
    for outcome in [DealStatus.won, .lost, .excluded] {
      let words: [String]
      switch outcome {
      case .won: words = configuration.outcomes.won
      case .lost: words = configuration.outcomes.lost
      default: words = configuration.outcomes.excluded
      }
      for word in words {
        stageWords[normalizedWord(word)] = .outcome(outcome)
        statusWords[normalizedWord(word)] = outcome
      }
    }
    // Stage names win over outcome words when a company uses both spellings.
    for stage in configuration.stages {
      for word in [stage.id, stage.name.zh, stage.name.en] + stage.aliases {
        stageWords[normalizedWord(word)] = .stage(stage.index)
      }
    }
    for word in configuration.outcomes.open {
      statusWords[normalizedWord(word)] = .open
    }
    for (code, status) in statusCodes where statusWords[code] == nil {
      statusWords[code] = status
    }
    // Single-letter status codes (SAP Business One and similar ERPs).
    for (code, status) in [("w", DealStatus.won), ("l", .lost), ("o", .open)]
    where statusWords[code] == nil {
      statusWords[code] = status
    }
    partnerWords = Set(configuration.partnerWords.map(normalizedWord))
    emptyMarkers = Set(configuration.emptyMarkers.map { foldedWidth($0).lowercased() })
    // A full-width cell takes up to three times the bytes of its folded form.
    longestEmptyMarker = configuration.emptyMarkers.map { $0.utf8.count }.max() ?? 0
    // The spellings of the yuan apply only while the report currency is CNY,
    // so a file with currency.code USD reads ¥ as a currency to convert.
    var aliases = configuration.currencyAliases + [configuration.currency]
    if configuration.currency == "CNY" { aliases += ["人民币", "RMB", "CNY", "¥", "￥", "元"] }
    currencyAliases = Set(aliases.map { foldedWidth($0).uppercased() })
  }

  func stageWord(_ text: String) -> StageWord? {
    stageWords[normalizedWord(text)]
  }

  func status(_ text: String) -> DealStatus? {
    statusWords[normalizedWord(text)]
  }

  /// Reads a yes/no cell (`True`, `FALSE`, `是`, `否`, `1`, `0`); nil when it is neither.
  func flag(_ text: String) -> Bool? {
    switch normalizedWord(text) {
    case "true", "yes", "y", "1", "是", "有效": return true
    case "false", "no", "n", "0", "否", "无效": return false
    default: return nil
    }
  }

  func isPartner(_ text: String) -> Bool {
    partnerWords.contains(normalizedWord(text))
  }

  /// Whether a trimmed cell counts as missing: empty, or an empty marker.
  func isEmpty(_ text: String) -> Bool {
    if text.isEmpty { return true }
    guard text.utf8.count <= longestEmptyMarker * 3 else { return false }
    return emptyMarkers.contains(foldedWidth(text).lowercased())
  }

  /// Whether a currency cell names the report currency.
  func isReportCurrency(_ text: String) -> Bool {
    currencyAliases.contains(foldedWidth(text).uppercased())
  }
}

/// Reads an owner's probability.
///
/// It accepts `40`, `40%`, `0.4` and `99.00`. Whether a bare number is a fraction or percentage points is decided per column.
enum ProbabilityParser {
  /// The number, and whether it carried a percent sign.
  static func parse(_ text: String) -> (value: Double, hasPercentSign: Bool)? {
    var body = foldedWidth(text)
    let hasPercent = body.hasSuffix("%")
    if hasPercent { body.removeLast() }
    guard let value = Double(body.trimmingCharacters(in: " ")), value.isFinite, value >= 0 else {
      return nil
    }
    return (value, hasPercent)
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return String(text)
  }
}
