/// The header spellings of each canonical field, in English and Chinese.
///
/// They are the spellings CRMs and spreadsheets write, compared after `normalizedHeader`.
///
/// Spellings whose meaning differs between systems are left out. `Expected
/// Revenue` is the plain amount in Odoo and the weighted one in Salesforce,
/// `Opportunity` is the id in Dynamics and the name in Odoo, and `商机状态` is
/// the stage in 芋道 and the outcome in 纷享销客. Source profiles, values or the
/// configuration's `columns` settle such a column.
enum HeaderAliases {
  static let opportunity: [OpportunityField: [String]] = [
    .id: [
      "id", "opportunity id", "opportunity_id", "record id", "deal id", "deal - id",
      "opportunity number", "potential no", "opportunityid", "hs_object_id", "opprid",
      "编号", "商机编号", "商机id", "机会编号", "商机编码", "记录id",
    ],
    .name: [
      "name", "opportunity name", "deal name", "deal - title", "title", "topic", "potential name",
      "dealname", "opportunityname", "subject",
      "商机名称", "机会名称", "商机标题", "项目名称", "销售机会名称",
    ],
    .account: [
      "account", "account name", "company", "company name", "associated company", "organization",
      "organisation", "deal - organization", "organization name", "customer", "customer name",
      "potential customer", "client", "cardcode",
      "客户名称", "客户", "客户姓名", "公司名称", "企业名称", "单位名称", "关联客户",
    ],
    .owner: [
      "owner", "opportunity owner", "deal owner", "deal - owner", "owner name", "salesperson",
      "sales rep", "sales agent", "assigned to", "account executive",
      "负责人", "负责人名字", "负责人姓名", "销售员", "销售负责人", "销售人员", "归属人", "所有者", "业务员",
    ],
    .region: ["region", "territory", "sales region", "区域", "大区", "销售区域", "地区"],
    .product: ["product", "product name", "product line", "产品", "产品名称", "产品线"],
    .industry: ["industry", "sector", "vertical", "行业", "所属行业"],
    .amount: [
      "amount", "deal - value", "value", "deal value", "opportunity amount", "est. revenue",
      "estimated revenue", "estimated value", "total amount", "close value", "close_value",
      "商机金额", "销售金额", "预计销售金额", "预计成交金额", "预计签单金额", "预计赢单金额", "商机总金额",
      "预估金额", "金额",
    ],
    .currency: [
      "currency", "opportunity currency", "currency iso code", "deal - currency of value",
      "deal - currency", "currency code", "deal_currency_code", "币种", "货币", "币别", "货币类型",
    ],
    .stage: [
      "stage", "deal stage", "sales stage", "stage name", "deal - stage", "pipeline phase",
      "opportunity stage", "phase", "dealstage", "stagename", "deal_stage",
      "商机阶段", "销售阶段", "阶段", "当前销售阶段", "跟进阶段",
    ],
    .status: [
      "status", "deal - status", "state", "outcome", "opportunity result", "result",
      "结束状态", "赢单状态", "成交状态", "状态", "商机结果",
    ],
    .ledBy: ["led by", "led_by", "lead by", "deal lead", "主导方", "主导", "主导类型"],
    .grade: [
      "grade", "opportunity grade", "deal grade", "rating grade", "商机等级", "商机分级", "等级", "分级",
    ],
    .probability: [
      "probability", "probability (%)", "deal probability", "deal - probability", "win probability",
      "close probability", "closeprobability",
      "赢率", "赢单率", "成交概率", "概率", "成功几率", "赢单概率",
    ],
    .forecastCategory: [
      "forecast category", "forecast category name", "forecastcategory", "预测类别", "阶段分类", "预测分类",
    ],
    .createdOn: [
      "created date", "create date", "created on", "created time", "creation date", "created",
      "deal - deal created", "date created", "createdate", "createdon", "created_on",
      "创建时间", "创建日期", "录入时间", "商机录入时间", "立项日期",
    ],
    .expectedCloseOn: [
      "expected close date", "expected closing", "deal - expected close date", "est. close date",
      "estimated close date", "expected close", "target close date", "expected_close_on",
      "preddate", "预计成交日期", "预计成交时间", "预计结单日期", "预计签单日期", "预计签约日期", "预计赢单日期",
      "预期结束", "预计结束", "预计关闭日期",
    ],
    .closedOn: [
      "actual close date", "closed date", "date closed", "deal - deal closed on",
      "deal - closed on",
      "closed on", "closed_on", "won date", "close date actual", "deal - won time",
      "deal - lost time",
      "won time", "lost time", "won_date", "lost date", "输单日期", "丢单日期",
      "成交日期", "赢单日期", "签约日期", "关闭日期", "结束日期", "实际成交日期",
    ],
    .stageEnteredOn: [
      "date entered current stage", "stage entered", "stage entered on", "stage_entered_on",
      "stageenteredon", "last stage change",
      "deal - last stage change",
      "阶段更新时间", "进入当前阶段日期",
    ],
    .lostAtStage: ["lost at stage", "lost_at_stage", "lost stage", "输单阶段", "丢单阶段"],
  ]

  /// Headers that hold the expected close date while a deal is open and the
  /// actual one after it closed (Salesforce, HubSpot, Zoho, 销售易).
  static let closeDateDualMeaning: [String] = [
    "close date", "closing date", "close_date", "deal - close date", "结单日期",
  ]

  static let history: [HistoryField: [String]] = [
    .id: [
      "opportunity id", "opportunity_id", "id", "deal id", "record id", "opprid", "商机编号", "商机id",
      "编号",
    ],
    .stage: [
      "stage", "stage name", "to stage", "new stage", "deal stage", "stagename", "descript",
      "商机阶段", "阶段", "销售阶段", "变更后阶段",
    ],
    .enteredOn: [
      "entered on", "entered_on", "date entered", "entered", "date", "changed at", "edit date",
      "created date", "opendate", "进入日期", "变更时间", "修改时间", "进入时间", "日期",
    ],
  ]
}

/// Reduces a header to what identifies it: full-width forms folded, case
/// ignored, entity prefixes, spaces and punctuation removed.
func normalizedHeader(_ header: String) -> String {
  var text = foldedWidth(header).lowercased()
  for marker in ["(do not modify)"] where text.hasPrefix(marker) {
    text.removeFirst(marker.count)
  }
  for prefix in ["deal - ", "deal: ", "opportunity - ", "opportunity: ", "deals."]
  where text.hasPrefix(prefix) {
    text.removeFirst(prefix.count)
  }
  return String(text.unicodeScalars.filter { !isHeaderPunctuation($0) })
}

/// Reduces a value for vocabulary lookups (stages, outcomes, led by): the
/// same folding as headers.
func normalizedWord(_ text: String) -> String {
  String(foldedWidth(text).lowercased().unicodeScalars.filter { !isHeaderPunctuation($0) })
}

private func isHeaderPunctuation(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0x20, 0x09, 0x5F, 0x2D, 0x2E, 0x2C, 0x3A, 0x3B, 0x2F, 0x5C, 0x28, 0x29, 0x5B, 0x5D, 0x27,
    0x22, 0x25, 0x23, 0x3F, 0x2A, 0x21:
    return true
  // CJK punctuation: 、。 and the corner brackets, plus the ideographic space.
  case 0x3000...0x3003, 0x300C...0x300F, 0xFEFF:
    return true
  default:
    return false
  }
}

/// Folds full-width forms to ASCII.
///
/// U+FF01…U+FF5E become ASCII, the ideographic space a space and ￥ becomes ¥.
/// Other characters are kept.
func foldedWidth(_ text: String) -> String {
  guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0xFF01...0xFF5E:
      scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
    case 0x3000:
      scalars.append(" ")
    case 0xFFE5:
      scalars.append("¥")
    default:
      scalars.append(scalar)
    }
  }
  return String(scalars)
}
