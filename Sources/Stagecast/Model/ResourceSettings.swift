/// A role of the team that works deals (岗位：销售、售前、解决方案、投标、高层).
public struct Role: Equatable, Sendable {
  public var id: String
  public var name: LocalizedText
  /// Hours the role has each month, when given as hours.
  public var hoursPerMonth: Double?
  /// Hours per month for every 1,000 deals open on the as-of date, when the
  /// capacity grows with the pipeline instead.
  public var hoursPer1000OpenDeals: Double?
  /// Hours one person of the role works in a month, for `--capacity role=+N` in people.
  public var hoursPerPerson: Double
  /// Hours of particular months (month number → hours), replacing the usual capacity there.
  public var hoursByMonth: [Int: Double] = [:]

  public init(
    id: String, name: LocalizedText, hoursPerMonth: Double? = nil,
    hoursPer1000OpenDeals: Double? = nil, hoursPerPerson: Double = 140
  ) {
    self.id = id
    self.name = name
    self.hoursPerMonth = hoursPerMonth
    self.hoursPer1000OpenDeals = hoursPer1000OpenDeals
    self.hoursPerPerson = hoursPerPerson
  }
}

/// The order deals are funded in when a role-month has less capacity than demand.
public enum FundingPolicy: String, CaseIterable, Sendable {
  /// Grade first (A before B …), then expected value per remaining hour, then id.
  case gradeThenValue = "grade-then-value"
  /// Expected value per remaining hour first, then id, whatever the grade.
  case valuePerHour = "value-per-hour"
}

/// The team and the effort each deal needs: who works on which deal (商机资源配置).
public struct ResourceSettings: Equatable, Sendable {
  public var roles: [Role]
  /// Effort in hundredths of an hour, by grade rank, stage position (0-based) and role position.
  public var effortHundredths: [[[Int]]]
  public var funding: FundingPolicy
  /// Whether these are the built-in defaults, which the report asks to tailor.
  public var isDefault: Bool

  public init(
    roles: [Role], effortHundredths: [[[Int]]], funding: FundingPolicy = .gradeThenValue,
    isDefault: Bool = false
  ) {
    self.roles = roles
    self.effortHundredths = effortHundredths
    self.funding = funding
    self.isDefault = isDefault
  }

  /// Returns the built-in TAS+ effort table, a default to tailor.
  ///
  /// A and B deals take the full method with solution and bid work, C and D
  /// the fast track with a fraction of it, E deals little beyond supporting
  /// the partner. Capacity scales with the pipeline until the team's real
  /// hours are configured.
  public static func tasDefault(stageCount: Int) -> ResourceSettings {
    let roles = [
      Role(id: "sales", name: LocalizedText(zh: "销售", en: "Sales"), hoursPer1000OpenDeals: 9_000),
      Role(
        id: "presales", name: LocalizedText(zh: "售前", en: "Presales"),
        hoursPer1000OpenDeals: 5_000),
      Role(
        id: "solution", name: LocalizedText(zh: "解决方案", en: "Solution"),
        hoursPer1000OpenDeals: 4_000),
      Role(id: "bid", name: LocalizedText(zh: "投标", en: "Bid"), hoursPer1000OpenDeals: 2_000),
      Role(
        id: "executive", name: LocalizedText(zh: "高层", en: "Executive"),
        hoursPer1000OpenDeals: 1_500),
    ]
    // Hours per stage for an A deal, by role; other grades take a share of them.
    let fullTrack: [[Double]] = [
      [6, 3, 0, 0, 1],  // 验证商机
      [6, 4, 2, 0, 2],  // 商机立项
      [12, 12, 12, 0, 2],  // 需求分析
      [12, 16, 20, 0, 3],  // 价值呈现
      [6, 6, 12, 6, 2],  // 招标准备
      [12, 12, 16, 32, 4],  // 组织投标
      [20, 4, 6, 0, 6],  // 谈判签约
    ]
    let gradeShare: [Double] = [1, 0.6, 0.25, 0.12, 0.08]
    var effort: [[[Int]]] = []
    for share in gradeShare {
      var stages: [[Int]] = []
      for stage in 0..<stageCount {
        let hours = fullTrack[min(stage, fullTrack.count - 1)]
        stages.append(hours.map { Int(($0 * share * 100).rounded()) })
      }
      effort.append(stages)
    }
    return ResourceSettings(roles: roles, effortHundredths: effort, isDefault: true)
  }
}
