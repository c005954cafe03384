extension Configuration {
  /// The built-in TAS+ configuration as JSON.
  ///
  /// It holds seven stages for deals that go through a public tender, outcome words, grade thresholds and tracks, and
  /// the forecast settings. A user file is merged over it key by key.
  ///
  /// Stage probabilities and thresholds follow the TAS+ defaults; they are
  /// used only where the data measures nothing.
  public static let defaultJSON = #"""
    {
      "language": null,
      "currency": { "code": "CNY", "aliases": [], "rates": {} },
      "stages": [
        { "id": "validate", "name": { "zh": "验证商机", "en": "Validate" },
          "aliases": ["验证", "Validation", "Qualify", "Qualification"],
          "defaultProbability": 0.10, "maxDaysInStage": 30,
          "requiredFields": ["account", "owner"],
          "tasks": [{ "zh": "核实客户需求与预算是否真实", "en": "Verify that the need and the budget are real" },
                    { "zh": "协调内部资源", "en": "Start coordinating internal resources" }],
          "processes": [{ "zh": "销售线索转商机", "en": "Lead-to-opportunity conversion" }],
          "people": [{ "zh": "销售", "en": "Sales" }] },
        { "id": "approve", "name": { "zh": "商机立项", "en": "Approve" },
          "aliases": ["立项", "Approval"],
          "defaultProbability": 0.20, "maxDaysInStage": 30,
          "requiredFields": ["amount", "expectedCloseOn"],
          "tasks": [{ "zh": "通过立项评审", "en": "Pass the approval review" },
                    { "zh": "组建项目团队", "en": "Form the deal team" }],
          "processes": [{ "zh": "商机立项评审", "en": "Opportunity approval review" }],
          "people": [{ "zh": "销售、售前、销售管理者", "en": "Sales, presales, sales manager" }] },
        { "id": "needs", "name": { "zh": "需求分析", "en": "Needs Analysis" },
          "aliases": ["Needs", "Analysis"],
          "defaultProbability": 0.30, "maxDaysInStage": 45,
          "requiredFields": [],
          "tasks": [{ "zh": "明确价值主张、竞争策略与行动计划", "en": "Set the value proposition, competitive strategy and action plan" }],
          "processes": [{ "zh": "客户拜访与需求调研", "en": "Customer visits and needs survey" }],
          "people": [{ "zh": "销售、售前、解决方案", "en": "Sales, presales, solution" }] },
        { "id": "value", "name": { "zh": "价值呈现", "en": "Value Presentation" },
          "aliases": ["Value", "Presentation", "Value Proposition"],
          "defaultProbability": 0.40, "maxDaysInStage": 60,
          "requiredFields": [],
          "tasks": [{ "zh": "向关键决策人呈现方案价值", "en": "Present the solution's value to the decision makers" },
                    { "zh": "影响招标文件的起草", "en": "Shape the drafting of the tender documents" }],
          "processes": [{ "zh": "方案评审", "en": "Solution review" }],
          "people": [{ "zh": "销售、售前、解决方案、高层", "en": "Sales, presales, solution, executives" }] },
        { "id": "tender", "name": { "zh": "招标准备", "en": "Tender Preparation" },
          "aliases": ["Tender", "Pre-tender"],
          "defaultProbability": 0.50, "maxDaysInStage": 45,
          "requiredFields": [],
          "tasks": [{ "zh": "跟进招标文件，准备投标资质与材料", "en": "Follow the tender documents and prepare qualifications and materials" }],
          "processes": [{ "zh": "投标立项", "en": "Bid approval" }],
          "people": [{ "zh": "销售、投标、解决方案", "en": "Sales, bid team, solution" }] },
        { "id": "bid", "name": { "zh": "组织投标", "en": "Bidding" },
          "aliases": ["Bid", "Tendering"],
          "defaultProbability": 0.60, "maxDaysInStage": 45,
          "requiredFields": [],
          "tasks": [{ "zh": "编制并递交标书，参加开标与述标", "en": "Write and submit the bid, attend the opening and presentation" }],
          "processes": [{ "zh": "标书评审与报价审批", "en": "Bid review and price approval" }],
          "people": [{ "zh": "投标、销售、解决方案、高层", "en": "Bid team, sales, solution, executives" }] },
        { "id": "negotiate", "name": { "zh": "谈判签约", "en": "Negotiation" },
          "aliases": ["Negotiate", "Negotiation/Review", "Contract"],
          "defaultProbability": 0.80, "maxDaysInStage": 30,
          "requiredFields": [],
          "tasks": [{ "zh": "商务谈判并签订合同", "en": "Negotiate terms and sign the contract" }],
          "processes": [{ "zh": "合同评审", "en": "Contract review" }],
          "people": [{ "zh": "销售、高层、法务", "en": "Sales, executives, legal" }] }
      ],
      "outcomes": {
        "won": ["Closed Won", "Won", "赢单", "成单", "签约", "已签约", "已成交"],
        "lost": ["Closed Lost", "Lost", "输单", "丢单", "流失"],
        "excluded": ["Disqualified", "Invalid", "Duplicate", "无效", "重复"],
        "open": ["Open", "In Progress", "进行中", "跟进中"]
      },
      "ledBy": { "partner": ["Partner", "Partner-led", "合作伙伴主导", "合作伙伴", "伙伴主导"] },
      "grades": {
        "thresholds": { "A": 5000000, "B": 1000000, "C": 300000 },
        "tracks": { "A": "full", "B": "full", "C": "fast", "D": "fast", "E": "partner" }
      },
      "columns": {},
      "history": { "columns": {}, "stageColumns": {} },
      "import": {
        "emptyMarkers": ["NULL", "N/A", "NA", "#N/A", "-", "--", "?", "无", "空"],
        "dateOrder": "auto"
      },
      "targets": {},
      "forecast": {
        "period": "month",
        "horizonMonths": 6,
        "lookbackMonths": 24,
        "priorStrength": 5,
        "simulations": 10000,
        "seed": 1
      }
    }
    """#
}
