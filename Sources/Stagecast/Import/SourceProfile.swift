/// The CRM or spreadsheet an export comes from, recognised from its header
/// set before aliases apply, so that a header whose meaning differs between
/// systems is read the way that system means it.
public enum SourceProfile: String, CaseIterable, Sendable {
  case generic
  case salesforce
  case hubspot
  case pipedrive
  case zoho
  case odoo
  case dynamics365 = "dynamics-365"
  /// 悟空CRM
  case wukong
  /// 芋道 (ruoyi-vue-pro)
  case yudao
  /// 纷享销客
  case fxiaoke
  /// 销售易
  case xiaoshouyi

  /// Recognises the profile from normalized headers; the first rule that
  /// matches wins, and `generic` is the fallback.
  static func detect(headers: [String]) -> SourceProfile {
    let keys = Set(headers.map(normalizedHeader))
    let raw = headers.map { foldedWidth($0).lowercased() }
    func has(_ spellings: String...) -> Bool {
      spellings.contains { keys.contains(normalizedHeader($0)) }
    }

    if raw.filter({ $0.hasPrefix("deal - ") }).count >= 3 { return .pipedrive }
    if raw.contains(where: { $0.hasPrefix("(do not modify)") }) || has("topic", "est. revenue") {
      return .dynamics365
    }
    if has("expected closing", "prorated revenue", "预期结束", "按比例分摊收入") { return .odoo }
    if has("record id"), has("deal name", "deal stage") { return .hubspot }
    if has("结束状态") { return .yudao }
    if has("商机状态组") { return .wukong }
    if has("机会名称", "结单日期") { return .xiaoshouyi }
    if has("商机状态"), has("销售阶段") { return .fxiaoke }
    if has("closing date"), has("deal owner", "deal name") { return .zoho }
    if has("opportunity id", "opportunity name", "opportunity owner"), has("stage", "close date") {
      return .salesforce
    }
    return .generic
  }

  /// Headers whose field this profile settles, beyond the shared aliases.
  var aliases: [OpportunityField: [String]] {
    switch self {
    case .odoo:
      return [
        .amount: ["expected revenue", "预期收益", "预计收入"], .name: ["opportunity", "商机"],
        .active: ["active", "有效"],
      ]
    case .dynamics365: return [.id: ["opportunity"], .status: ["status"]]
    case .yudao: return [.stage: ["商机状态"], .status: ["结束状态"]]
    case .fxiaoke: return [.status: ["商机状态"]]
    default: return [:]
    }
  }

  /// Headers this profile knows and stagecast does not read, such as the
  /// weighted amount Salesforce and Zoho call `Expected Revenue`.
  var knownUnusedHeaders: [String] {
    switch self {
    case .salesforce, .zoho: return ["expected revenue", "fiscal period", "age"]
    case .dynamics365:
      return ["(do not modify) row checksum", "(do not modify) modified on", "status reason"]
    case .hubspot: return ["weighted amount", "forecast amount", "amount in company currency"]
    case .pipedrive: return ["deal - weighted value", "deal - currency of weighted value"]
    default: return []
    }
  }

  /// Status codes this system writes in its outcome column.
  var statusCodes: [String: DealStatus] {
    switch self {
    // 悟空CRM and 芋道 store the end state as 1 won, 2 lost, 3 invalid.
    case .yudao, .wukong: return ["1": .won, "2": .lost, "3": .excluded]
    default: return [:]
    }
  }

  /// Whether the profile exports `Close Date` as the expected date while a
  /// deal is open and the actual date once it closed.
  var closeDateIsDual: Bool {
    switch self {
    case .salesforce, .hubspot, .zoho, .xiaoshouyi, .generic: return true
    default: return false
    }
  }
}

/// Headers that name different fields in different systems; with no
/// profile to settle them, the configuration must.
enum AmbiguousHeaders {
  /// Normalized header → the fields it may mean and the systems behind each reading.
  static let table: [String: [(field: OpportunityField?, reading: LocalizedText)]] = [
    normalizedHeader("Expected Revenue"): [
      (.amount, LocalizedText(zh: "未加权的商机金额（Odoo）", en: "the plain amount (Odoo)")),
      (
        nil,
        LocalizedText(zh: "加权金额（Salesforce、Zoho）", en: "the weighted amount (Salesforce, Zoho)")
      ),
    ],
    normalizedHeader("Opportunity"): [
      (.id, LocalizedText(zh: "商机编号（Dynamics 365）", en: "the id (Dynamics 365)")),
      (.name, LocalizedText(zh: "商机名称（Odoo）", en: "the name (Odoo)")),
    ],
    normalizedHeader("商机状态"): [
      (.stage, LocalizedText(zh: "商机阶段（芋道）", en: "the stage (芋道)")),
      (.status, LocalizedText(zh: "商机结果（纷享销客）", en: "the outcome (纷享销客)")),
    ],
  ]
}
