/// The risks leadership should see first, for the summary: each a sentence,
/// only those that apply, most urgent first.
extension ReportContext {
  var risksHeading: String { language == .zhCN ? "主要风险" : "Top risks" }

  var topRisks: [String] {
    let zh = language == .zhCN
    var risks: [String] = []

    if let target = analysis.targets.months.first(where: { $0.month == analysis.forecast.asOfMonth }
    ),
      target.gap > 0
    {
      risks.append(
        zh
          ? "\(format.month(target.month))按预计完成计算距目标还差 \(format.amount(target.gap))。"
          : "\(format.month(target.month)) is \(format.amount(target.gap)) short of its target at the landing forecast."
      )
    }

    let overdue = overdueDeals
    if !overdue.isEmpty {
      let amount = overdue.reduce(0.0) { $0 + (analysis.opportunities[$1.opportunity].amount ?? 0) }
      let largest = overdue.max { left, right in
        (analysis.opportunities[left.opportunity].amount ?? 0)
          < (analysis.opportunities[right.opportunity].amount ?? 0)
      }
      let biggest =
        largest.map { state -> String in
          let deal = analysis.opportunities[state.opportunity]
          let owner = deal.owner ?? words.none
          return zh
            ? "，金额最大的是 \(deal.id)（\(owner)，\(format.amount(deal.amount ?? 0))）"
            : "; the largest is \(deal.id) (\(owner), \(format.amount(deal.amount ?? 0)))"
        } ?? ""
      risks.append(
        zh
          ? "\(format.count(overdue.count)) 笔在途商机已过预计签约日，合计 \(format.amount(amount))\(biggest)。"
          : "Open deals past their expected close: \(format.count(overdue.count)), \(format.amount(amount)) in all\(biggest)."
      )
    }

    let plan = analysis.resources
    let short = plan.deals.filter(\.isUnfunded).count
    if short > 0 {
      risks.append(
        zh
          ? "\(format.count(short)) 笔商机有资源缺口，涉及加权金额 \(format.amount(plan.expectedValueAtRisk))，其中 A、B 级 \(format.count(plan.unfundedTopGradeDeals)) 笔。"
          : "Deals short of team hours: \(format.count(short)), \(format.amount(plan.expectedValueAtRisk)) of expected value at risk; A and B deals among them: \(format.count(plan.unfundedTopGradeDeals))."
      )
    }

    let stalled = analysis.velocity.stalled.count
    if stalled > 0 {
      risks.append(
        zh
          ? "\(format.count(stalled)) 笔商机在当前阶段停留过久（停滞）。"
          : "Deals stalled in their stage: \(format.count(stalled))."
      )
    }

    let downgrades = analysis.audit.count(.downgrade)
    if downgrades > 0 {
      risks.append(
        zh
          ? "\(format.count(downgrades)) 笔商机的登记等级低于按金额计算的等级，可能绕开了全流程。"
          : "Deals recorded below their computed grade, which may skip the full process: \(format.count(downgrades))."
      )
    }
    return Array(risks.prefix(5))
  }
}
