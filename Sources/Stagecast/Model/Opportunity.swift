/// A canonical field of the opportunity export; the raw value is the key
/// used in the configuration's `columns` and in `requiredFields`.
public enum OpportunityField: String, CaseIterable, Sendable {
  case id, name, account, owner, region, product, industry
  case amount, currency, stage, status, ledBy, grade, probability, forecastCategory
  case createdOn, expectedCloseOn, closedOn, stageEnteredOn, lostAtStage
  /// Odoo's `Active`: an archived deal with probability 0 is a lost one.
  case active

  /// Position in `allCases`, for tables indexed by field.
  public var ordinal: Int {
    switch self {
    case .id: return 0
    case .name: return 1
    case .account: return 2
    case .owner: return 3
    case .region: return 4
    case .product: return 5
    case .industry: return 6
    case .amount: return 7
    case .currency: return 8
    case .stage: return 9
    case .status: return 10
    case .ledBy: return 11
    case .grade: return 12
    case .probability: return 13
    case .forecastCategory: return 14
    case .createdOn: return 15
    case .expectedCloseOn: return 16
    case .closedOn: return 17
    case .stageEnteredOn: return 18
    case .lostAtStage: return 19
    case .active: return 20
    }
  }

  /// Whether the value is a date.
  public var isDate: Bool {
    switch self {
    case .createdOn, .expectedCloseOn, .closedOn, .stageEnteredOn: return true
    default: return false
    }
  }
}

/// A canonical field of a long-format stage history.
public enum HistoryField: String, CaseIterable, Sendable {
  case id, stage, enteredOn
}

/// One opportunity (商机) as the export shows it today.
///
/// Amounts are exact integers of hundredths of the report currency, so a
/// `61.23` 万元 cell and a `612300.00` cell give the same value.
///
/// A million deals are held at once, so the optional numbers and days are
/// stored without Swift's optional tag, each with a value no input gives
/// marking "none": the record is about a quarter smaller.
public struct Opportunity: Sendable {
  /// The export's id, or `line N` when the export has no id column.
  public var id: String
  /// Physical line of the file where the deal's row starts.
  public var line: Int
  /// Name and account text, kept in byte blocks shared with other deals.
  var nameText: SharedText?
  var accountText: SharedText?
  /// Owner, region, product, industry and forecast category, as numbers:
  /// see `Label`.
  var ownerLabel = Label.none
  var regionLabel = Label.none
  var productLabel = Label.none
  var industryLabel = Label.none
  var forecastCategoryLabel = Label.none
  /// Why the deal has no value, when `amountCents` is nil.
  public var notValuedReason: NotValuedReason?

  private var storedAmountCents = Self.noAmount
  private var storedOwnerProbability = Double.nan
  private var storedStageIndex: Int16 = 0
  private var storedLostAtStage: Int16 = 0
  private var storedCreatedOn = Self.noDay
  private var storedExpectedCloseOn = Self.noDay
  private var storedClosedOn = Self.noDay
  private var storedStageEnteredOn = Self.noDay

  // The one-byte fields come last, because between the strings and the
  // numbers they left five bytes of padding in every deal.
  /// The export's status (a status column wins over the stage's outcome word).
  public var status: DealStatus
  public var ledByPartner: Bool
  public var recordedGrade: Grade?

  private static let noAmount = Int64.min
  private static let noDay = Int32.max

  public init(
    id: String, line: Int, notValuedReason: NotValuedReason? = nil, status: DealStatus,
    stageIndex: Int?, ledByPartner: Bool
  ) {
    self.id = id
    self.line = line
    self.notValuedReason = notValuedReason
    self.status = status
    self.ledByPartner = ledByPartner
    self.stageIndex = stageIndex
  }

  public var name: String? {
    get { nameText?.string }
    set { nameText = newValue.map(SharedText.init) }
  }

  public var account: String? {
    get { accountText?.string }
    set { accountText = newValue.map(SharedText.init) }
  }

  public var owner: String? {
    get { ownerLabel.text }
    set { ownerLabel = Label(interning: newValue) }
  }

  public var region: String? {
    get { regionLabel.text }
    set { regionLabel = Label(interning: newValue) }
  }

  public var product: String? {
    get { productLabel.text }
    set { productLabel = Label(interning: newValue) }
  }

  public var industry: String? {
    get { industryLabel.text }
    set { industryLabel = Label(interning: newValue) }
  }

  public var forecastCategory: String? {
    get { forecastCategoryLabel.text }
    set { forecastCategoryLabel = Label(interning: newValue) }
  }

  /// Amount in hundredths of the report currency; nil when not valued.
  public var amountCents: Int64? {
    get { storedAmountCents == Self.noAmount ? nil : storedAmountCents }
    set { storedAmountCents = newValue ?? Self.noAmount }
  }

  /// The owner's own probability (销售预估赢率), 0…1; 0 is a value, not a blank.
  public var ownerProbability: Double? {
    get { storedOwnerProbability.isNaN ? nil : storedOwnerProbability }
    set { storedOwnerProbability = newValue ?? .nan }
  }

  /// Index (1-based) of the export's stage, when the stage is a stage and not an outcome.
  public var stageIndex: Int? {
    get { storedStageIndex == 0 ? nil : Int(storedStageIndex) }
    set { storedStageIndex = Self.stageNumber(newValue) }
  }

  /// Index of the stage a lost deal was lost at.
  public var lostAtStage: Int? {
    get { storedLostAtStage == 0 ? nil : Int(storedLostAtStage) }
    set { storedLostAtStage = Self.stageNumber(newValue) }
  }

  public var createdOn: Day? {
    get { Self.day(storedCreatedOn) }
    set { storedCreatedOn = Self.dayNumber(newValue) }
  }

  public var expectedCloseOn: Day? {
    get { Self.day(storedExpectedCloseOn) }
    set { storedExpectedCloseOn = Self.dayNumber(newValue) }
  }

  public var closedOn: Day? {
    get { Self.day(storedClosedOn) }
    set { storedClosedOn = Self.dayNumber(newValue) }
  }

  public var stageEnteredOn: Day? {
    get { Self.day(storedStageEnteredOn) }
    set { storedStageEnteredOn = Self.dayNumber(newValue) }
  }

  /// Returns whether the two deals have the same values in every field but
  /// the line, as two rows of one deal in an export do.
  func hasSameValues(as other: Opportunity) -> Bool {
    id == other.id
      && SharedText.haveSameBytes(nameText, other.nameText)
      && SharedText.haveSameBytes(accountText, other.accountText)
      && ownerLabel == other.ownerLabel && regionLabel == other.regionLabel
      && productLabel == other.productLabel && industryLabel == other.industryLabel
      && forecastCategoryLabel == other.forecastCategoryLabel
      && notValuedReason == other.notValuedReason
      && storedAmountCents == other.storedAmountCents
      // Bits, because the marker for none is a NaN, unequal to itself.
      && storedOwnerProbability.bitPattern == other.storedOwnerProbability.bitPattern
      && storedStageIndex == other.storedStageIndex
      && storedLostAtStage == other.storedLostAtStage
      && storedCreatedOn == other.storedCreatedOn
      && storedExpectedCloseOn == other.storedExpectedCloseOn
      && storedClosedOn == other.storedClosedOn
      && storedStageEnteredOn == other.storedStageEnteredOn
      && status == other.status && ledByPartner == other.ledByPartner
      && recordedGrade == other.recordedGrade
  }

  /// The amount as a double in the report currency.
  public var amount: Double? {
    amountCents.map { Double($0) / 100 }
  }

  private static func stageNumber(_ index: Int?) -> Int16 {
    guard let index else { return 0 }
    // Stage indices start at 1 and a configuration names a handful of stages.
    precondition(index >= 1 && index <= Int(Int16.max), "stage index \(index) out of range")
    return Int16(index)
  }

  private static func day(_ number: Int32) -> Day? {
    number == noDay ? nil : Day(daysSinceEpoch: number)
  }

  private static func dayNumber(_ day: Day?) -> Int32 {
    guard let day else { return noDay }
    // Parsed years end at 9999, far below the marker.
    precondition(day.daysSinceEpoch != noDay, "day \(day.daysSinceEpoch) is the marker for none")
    return day.daysSinceEpoch
  }
}

/// Why a deal carries no value.
public enum NotValuedReason: Equatable, Sendable {
  /// The amount cell was empty or an empty marker.
  case missingAmount
  /// The amount cell could not be read; the reject list has the details.
  case invalidAmount
  /// The deal's currency has no configured exchange rate.
  // Boxed, so the reason takes one word in every deal, not the width of a String.
  indirect case noExchangeRate(currency: String)
}

/// One entry of a stage history: a deal entered a stage on a day.
public struct StageEntry: Sendable {
  /// The date of an entry known only to have happened, from a time-in-stage
  /// column; it sorts before every real date.
  public static let unknownDate = Day(daysSinceEpoch: Int32.min)

  /// Whether the entry has a real date.
  public var hasDate: Bool { enteredOn != StageEntry.unknownDate }

  /// Index of the deal in the imported opportunity list.
  public var opportunity: Int32
  /// Stage index (1-based).
  public var stage: Int8
  public var enteredOn: Day
}

/// A stage history: the entries of known deals, and counts of rows that give no stage.
public struct StageHistory: Sendable {
  public var entries: [StageEntry] = []
  /// Rows whose stage is an outcome word (Closed Won, 赢单): they give no stage.
  public var outcomeRows = 0
  /// Rows for ids that are not in the export, counted and then ignored.
  public var unknownOpportunityRows = 0
  /// Rows whose stage word is neither a stage nor an outcome.
  public var unknownStageRows = 0
  /// Rows read in all, outcome and unknown rows included.
  public var rowCount = 0

  public init() {}
}

extension String {
  /// Returns whether the text sorts before `other` by its UTF-8 bytes, the
  /// order of ids in every list and in the range's draws.
  ///
  /// It compares the contiguous bytes, because the generic comparison of two
  /// UTF-8 views took most of sorting sixty thousand deals by id.
  public func precedesByBytes(_ other: String) -> Bool {
    var left = self
    var right = other
    return left.withUTF8 { left in
      right.withUTF8 { right in
        for index in 0..<min(left.count, right.count) where left[index] != right[index] {
          return left[index] < right[index]
        }
        return left.count < right.count
      }
    }
  }
}
