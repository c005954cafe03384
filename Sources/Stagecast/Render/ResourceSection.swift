/// The resource section of the report: utilization per role and month, the
/// mismatches the method cares about, and the deals left without hours.
extension ReportContext {
  var resourceHeading: String { language == .zhCN ? "资源配置" : "Resources" }

  /// Sentences on what the plan shows, before its tables.
  var resourceNotes: [String] {
    let plan = analysis.resources
    let zh = language == .zhCN
    var notes: [String] = []
    notes.append(
      zh
        ? "每笔在途商机按所在打单路径剩余阶段的投入工时（当前阶段全额计入）计算需求，平均分摊到统计截止月至预计签约月；逾期商机计入本月。某岗位某月需求超过产能时，按\(plan.funding == .gradeThenValue ? "商机等级优先、再按每工时加权金额" : "每工时加权金额")依次配置资源，放不下的份额跳过。"
        : "Each open deal needs the effort hours of the stages it has left on its track, its current stage in full, spread evenly from the as-of month to the month of expected close; overdue deals fall in the as-of month. Where a role's demand in a month exceeds capacity, deals are funded \(plan.funding == .gradeThenValue ? "grade first, then by expected value per hour" : "by expected value per hour"), and a share that does not fit is passed over."
    )
    if plan.isDefault {
      notes.append(
        zh
          ? "岗位、投入工时和产能为内置的 TAS+ 默认值，请在配置的 resources 中按本团队情况调整，或用 --team 提供团队名单。"
          : "Roles, effort hours and capacity are the built-in TAS+ defaults: tailor them under resources in the configuration, or give the team list with --team."
      )
    }
    let atRisk = plan.deals.filter(\.isUnfunded)
    notes.append(
      zh
        ? "超出产能的岗位月份 \(plan.overCapacityRoleMonths) 个；有资源缺口的商机 \(format.count(atRisk.count)) 笔，涉及加权金额 \(format.amount(plan.expectedValueAtRisk))，其中 A、B 级 \(format.count(plan.unfundedTopGradeDeals)) 笔。"
        : "Role-months over capacity: \(plan.overCapacityRoleMonths). Deals with an unfunded share: \(format.count(atRisk.count)), expected value at risk \(format.amount(plan.expectedValueAtRisk)), of them A and B deals: \(format.count(plan.unfundedTopGradeDeals))."
    )
    if plan.offTrackDeals > 0 {
      let hours = NumberFormatting.fixed(Double(plan.offTrackHundredths) / 100, decimals: 0)
      notes.append(
        zh
          ? "快速通道或伙伴报备的 \(format.count(plan.offTrackDeals)) 笔商机停在中间阶段，仍需 \(hours) 小时：这些是其路径本应跳过的全流程工作。"
          : "\(format.count(plan.offTrackDeals)) fast- or partner-track deals sit in a middle stage and still need \(hours) hours: full-track work their track should skip."
      )
    }
    if !plan.idleRoleMonths.isEmpty {
      let list = plan.idleRoleMonths.map {
        "\(plan.roles[$0.role].name.text(language)) \(format.month($0.month)) \(format.rate($0.utilization))"
      }.joined(separator: zh ? "、" : ", ")
      notes.append(
        zh
          ? "其他岗位超出产能的月份里利用率不到 50% 的岗位：\(list)。"
          : "Roles under half used in months when another role is over capacity: \(list)."
      )
    }
    if let whatIf = analysis.resourcesWhatIf {
      let gained = whatIf.fundedExpectedValue - plan.fundedExpectedValue
      notes.append(
        zh
          ? "按 --capacity 调整产能后：资源已覆盖商机的加权金额 \(format.amount(plan.fundedExpectedValue)) → \(format.amount(whatIf.fundedExpectedValue))（变化 \(format.amount(gained))）。"
          : "With the --capacity changes: funded expected value \(format.amount(plan.fundedExpectedValue)) → \(format.amount(whatIf.fundedExpectedValue)) (change \(format.amount(gained)))."
      )
    }
    return notes
  }

  /// Utilization per role and horizon month, with demand and capacity.
  var utilizationTable: ReportTable {
    let plan = analysis.resources
    let monthCount = plan.months.first.map { $0.count - 2 } ?? 0
    let headers =
      [language == .zhCN ? "岗位 · 需求 / 产能（利用率）" : "Role · demand / capacity (utilization)"]
      + (0..<monthCount).map { format.month(analysis.asOf.monthNumber + $0) }
      + [words.periodName(.later, format)]
    let rows = plan.months.enumerated().map { role, lines -> [ReportTable.Cell] in
      var cells = [ReportTable.Cell(text: plan.roles[role].name.text(language))]
      for line in lines.prefix(monthCount) {
        let hours = NumberFormatting.fixed(line.demand, decimals: 0)
        let capacity = line.capacity.map { NumberFormatting.fixed($0, decimals: 0) } ?? words.none
        let mark = line.isOverCapacity ? " ▲" : ""
        cells.append(
          ReportTable.Cell(
            text: "\(hours) / \(capacity) (\(format.rate(line.utilization)))\(mark)", isNumber: true
          ))
      }
      cells.append(
        ReportTable.Cell(
          text: NumberFormatting.fixed(lines[monthCount].demand, decimals: 0), isNumber: true))
      return cells
    }
    return ReportTable(headers: headers, rows: rows)
  }

  /// The deals with an unfunded share, highest expected value first, capped.
  var unfundedTable: (table: ReportTable, total: Int) {
    let plan = analysis.resources
    let unfunded = plan.deals.filter(\.isUnfunded).sorted {
      if $0.expectedValue != $1.expectedValue { return $0.expectedValue > $1.expectedValue }
      return $0.priority < $1.priority
    }
    let zh = language == .zhCN
    let rows = unfunded.prefix(ReportContext.listLimit).map { deal -> [ReportTable.Cell] in
      let opportunity = analysis.opportunities[deal.opportunity]
      let state = analysis.states[deal.opportunity]
      let shortfall = deal.firstShortfall.map {
        "\(plan.roles[$0.role].name.text(language)) \(format.month($0.month))"
      }
      return [
        ReportTable.Cell(text: opportunity.owner ?? words.none, isInput: opportunity.owner != nil),
        ReportTable.Cell(text: opportunity.id, isInput: true),
        ReportTable.Cell(text: state.grade.rawValue),
        ReportTable.Cell(text: stageName(state.currentStage)),
        ReportTable.Cell(text: format.amount(deal.expectedValue), isNumber: true),
        ReportTable.Cell(text: shortfall ?? words.none),
      ]
    }
    let headers =
      zh
      ? ["负责人", "商机编号", "等级", "当前阶段", "加权金额（存在风险）", "最先缺资源的岗位和月份"]
      : ["Owner", "Deal", "Grade", "Stage", "Expected value at risk", "First role and month short"]
    return (ReportTable(headers: headers, rows: rows), unfunded.count)
  }
}
