extension ReportWords {
  static let chinese = ReportWords(
    title: "销售预测报告",
    asOfLine: { date, window in "统计截止日：\(date)。赢率按进行中商机和\(window)关闭的商机计算。" },
    generatedBy: "本报告由 stagecast 生成。",
    summary: "摘要",
    landingThisMonth: { month in "\(month)预计完成" },
    landingWithOverdue: "含逾期商机",
    landingRange: { month in "\(month)预测区间 P10–P90" },
    landingQuarter: { quarter in "\(quarter)预计完成" },
    landingQuarterRange: { quarter in "\(quarter)预测区间 P10–P90" },
    pipelineRange: "已填预计签约日的在手商机预测区间 P10–P90",
    rangeNote: { runs in
      "P10、P50、P90 含已赢单金额；在手商机部分按每个商机的赢单概率模拟 \(grouped(runs)) 次结果，10%、50%、90% 的模拟总额不超过对应金额。"
    },
    wonSoFar: "已赢单",
    wonThisMonth: "本月已赢单",
    expectedThisMonth: "本月到期商机加权金额",
    openPipeline: "在手商机金额",
    openDeals: "进行中商机",
    expectedOpen: "全部在手商机加权金额",
    overdueDeals: "逾期商机",
    dealsOverview: "商机概况",
    imported: "导入商机",
    rejected: "拒收行",
    open: "进行中",
    won: "赢单",
    lost: "输单",
    excluded: "无效",
    population: "参与赢率计算的商机",
    closedBeforeWindow: "回溯期之前关闭",
    funnelSection: "销售漏斗与阶段转化",
    funnelIntro:
      "“进入”指商机实际进入过该阶段；“到达”指商机推进到该阶段或更靠后的阶段。阶段转化率不计仍停留在最远阶段、结果未定的进行中商机；赢率 = 赢单 ÷（赢单 + 输单），只统计进入过该阶段的商机。",
    funnelLegend: "深色条：进入；斜线条：到达。数字为“进入 / 到达”。",
    valueHeader: "数量",
    figureHeader: "指标",
    stage: "商机阶段",
    visited: "进入",
    reached: "到达",
    advanced: "推进",
    censored: "仍在进行",
    advanceRate: "阶段转化率",
    winRate: "赢率",
    winRateByAmount: "金额赢率",
    noHistoryNote: { count in
      "有 \(grouped(count)) 个商机没有阶段变更记录，按“已经过最远阶段之前的每个阶段”处理。"
    },
    winProbabilitySection: "各等级、各阶段赢单概率",
    winProbabilityIntro: { m in
      "按商机等级分别测算各阶段的赢率，再向所属打单路径和全部商机的赢率收敛（先验强度 m = \(NumberFormatting.machine(m))），避免已关闭商机较少的等级让预测大起大落。"
    },
    grade: "商机等级",
    track: "打单路径",
    configuredMark: "*",
    configuredNote: "* 该阶段尚无已关闭商机，采用配置中的默认赢单概率。",
    forecastSection: "销售预测",
    forecastIntro:
      "加权金额 = 商机金额 × 该商机等级在当前阶段的赢单概率，按预计签约月份汇总。逾期商机指预计签约日早于统计截止日的进行中商机。",
    period: "期间",
    pipeline: "商机金额",
    expected: "加权金额",
    landing: "预计完成",
    notValued: "未计金额",
    ownersCall: "销售预估加权",
    target: "业绩目标",
    gap: "目标差距",
    coverage: "覆盖率",
    targetGapCard: { month in "\(month)目标差距" },
    coverageNote: { required in
      "覆盖率 = 在手商机金额 ÷（业绩目标 − 已赢单）。按实测赢率，覆盖率需达到 \(required) 才能完成当月目标。"
    },
    ownersCallNote: "销售预估加权 = 商机金额 × 负责人填写的赢率（仅统计填写了赢率的商机），与实测预测并列展示，不参与预测计算。",
    periodName: { period, format in
      switch period {
      case .overdue: return "已逾期"
      case .month(let month): return format.month(month)
      case .later: return "更晚"
      case .undated: return "未填预计签约日"
      }
    },
    notValuedNote: { count in
      "有 \(grouped(count)) 个进行中商机缺少金额或汇率，计入漏斗，但不计入预测金额。"
    },
    auditSection: "商机分级与稽核",
    auditIntro:
      "将录入的商机等级与按金额、主导方计算的等级比对：手动升级允许但列出；降级和合作伙伴主导不符需要关注；全流程商机跳过阶段同样列出。",
    finding: "问题",
    findingName: { finding in
      switch finding {
      case .upgrade: return "手动升级"
      case .downgrade: return "降级"
      case .partnerMismatch: return "主导方与等级不符"
      case .skippedStage: return "跳过阶段"
      }
    },
    computedGrades: { count in "有 \(grouped(count)) 个商机未录入等级，已按金额和主导方自动分级。" },
    recordedGrade: "录入等级",
    computedGrade: "计算等级",
    skippedStages: "跳过的阶段",
    noAuditFindings: "未发现问题。",
    overdueSection: "逾期商机",
    overdueIntro: "预计签约日已过的进行中商机，请确认或更新预计签约日。",
    dealID: "商机编号",
    dealName: "商机名称",
    account: "客户名称",
    owner: "负责人",
    amount: "商机金额",
    expectedClose: "预计签约日",
    daysOverdue: "逾期天数",
    noOverdue: "没有逾期商机。",
    truncated: { shown, file in "此处仅列出前 \(shown) 条，完整清单见 \(file)。" },
    breakdownSection: "按负责人、区域、产品",
    breakdownIntro:
      "在手商机金额、加权金额，以及回溯期内赢单、输单商机的赢率，旁边列出这些商机的个数：只有几个商机支撑的赢率参考意义有限。按商机金额从大到小排列，完整数据见 breakdown.csv。",
    dimensionName: { dimension in
      switch dimension {
      case .owner: return "负责人"
      case .region: return "区域"
      case .product: return "产品"
      }
    },
    emptyValue: "（未填）",
    targetsIgnored: { months in "以下月份不在预测期间内，其业绩目标未使用：\(months)。请核对年份，或调大 forecast.horizonMonths。"
    },
    resolved: "赢单 + 输单",
    velocitySection: "阶段停留时长与停滞商机",
    velocityIntro:
      "已完成的停留时长从进入某阶段算到进入下一个阶段；商机在该阶段关闭的，算到关闭日期。只统计带日期的阶段变更记录。进行中商机在当前阶段停留超过该阶段的最长停留天数，或在已完成停留不少于 20 次时超过该阶段的 P90，即视为停滞。",
    completedStays: "已完成停留",
    medianDays: "中位天数",
    p90Days: "P90 天数",
    stalledIntro: { count in "停滞的进行中商机：\(grouped(count)) 个。" },
    daysInStage: "已停留天数",
    limitDays: "上限",
    noStalled: "没有停滞的进行中商机。",
    requiredSection: "必填内容",
    requiredIntro: { count in "有 \(grouped(count)) 个进行中商机未填齐当前阶段及之前各阶段的必填内容。" },
    missingFields: "缺少的字段",
    noMissingFields: "所有进行中商机都已填齐当前阶段的必填内容。",
    qualitySection: "数据质量",
    rejectsLine: { rows, values in
      "共拒收 \(grouped(rows)) 行，另有 \(grouped(values)) 个无法识别的取值按空值处理；明细（行号、原因）见 rejects.csv。"
    },
    rejectsNone: "所有行均已导入，所有取值均可识别。",
    line: "行号",
    column: "列",
    value: "取值",
    reason: "原因",
    rowKept: "是否保留该行",
    yes: "是",
    no: "否",
    qualityItems: "需要核对的事项",
    withoutHistory: { "参与计算的商机中有 \(grouped($0)) 个没有阶段变更记录（按推定经过的阶段计算）。" },
    lostUnknownStage: { "有 \(grouped($0)) 个输单商机没有输单阶段，只计入第一个阶段。" },
    withoutExpectedClose: { "有 \(grouped($0)) 个进行中商机未填预计签约日。" },
    movedBack: { "有 \(grouped($0)) 个进行中商机退回了更早的阶段。" },
    stageDisagreements: { "有 \(grouped($0)) 个进行中商机的导出阶段与阶段变更记录不一致，以变更记录为准。" },
    missingRate: { currency, count in "有 \(grouped(count)) 个 \(currency) 商机缺少汇率，未计金额。" },
    historyAfterAsOf: { "有 \(grouped($0)) 条阶段变更记录晚于统计截止日，已忽略。" },
    entriesAfterClose: { "有 \(grouped($0)) 个已关闭商机在关闭日期之后仍有阶段变更记录（进入过的阶段以变更记录为准，结果以导出文件为准），请核对。" },
    historyUnknownIDs: { "有 \(grouped($0)) 条阶段变更记录的商机编号不在导出文件中，已忽略。" },
    lossesMissing:
      "导出文件中有赢单商机，却没有一个输单商机，因此不计算赢率，改用配置中的阶段默认赢单概率。导出时可能漏掉了已归档或输单的商机，请一并导出。",
    builtFromHistory:
      "输入文件只有阶段变更记录、没有商机导出：商机按编号生成，赢单、输单以记录中的结果行为准。文件中没有金额，预测金额为零；如需完整报告，请提供商机导出文件，并把本文件用 --history 传入。",
    footerSkipped: { count, first, last in
      "数据之后的 \(grouped(count)) 行报表页脚（标题、声明等，第 \(first)–\(last) 行）已忽略。"
    },
    pastAsOf: { date in
      "数据中最晚的日期是 \(date)，晚于统计截止日：商机金额、等级和预计签约日用的是当前值，而不是截止日当时的值。"
    },
    collapsedDuplicates: { "有 \(grouped($0)) 行与同一商机的字段完全相同，已合并。" },
    noIDColumn: "导出文件没有商机编号列：商机按行号识别，无法发现重复商机。",
    closedWithoutDate: { "有 \(grouped($0)) 个已关闭商机缺少关闭日期，不计入任何指标。" },
    methodSection: "计算方法",
    methodText: { window, horizon, m in
      "所有数字以统计截止日为准：之后创建的商机不计，之后才关闭的商机视为当时仍在进行，之后的阶段变更记录忽略。赢率按进行中商机以及\(window)赢单或输单的商机计算。商机只在实际进入过的阶段计数，小单快速通道直接跳到最后阶段的商机不会抬高中间阶段的赢率。各等级、各阶段的赢单概率按先验强度 m = \(NumberFormatting.machine(m)) 收敛。预测覆盖从截止月起的 \(horizon) 个月，其后为“更晚”和“未填预计签约日”两行。"
    },
    frameworkSection: "商机管理框架",
    requiredFields: "必填内容",
    tasks: "必做之事",
    processes: "相关流程",
    people: "涉及人员",
    maxDays: "最长停留天数",
    none: "—",
    trackName: { track in
      switch track {
      case .full: return "全流程"
      case .fast: return "小单快速通道"
      case .partner: return "合作伙伴报备"
      }
    })
}
