import Testing

@testable import Stagecast

struct ChartTests {
  private func context(configJSON: String? = nil, language: ReportLanguage = .en) throws
    -> ReportContext
  {
    let analysis = try importAndAnalyse(
      Paths.repository("data/sample-en/opportunities.csv"),
      history: Paths.repository("data/sample-en/stage_history.csv"), configJSON: configJSON)
    let configuration = try ConfigurationLoader.load(
      userJSON: configJSON.map { Array($0.utf8) }, file: "test.json")
    return ReportContext(analysis: analysis, configuration: configuration, language: language)
  }

  @Test func chartsAreSelfContainedSVG() throws {
    let charts = Charts.all(try context())
    #expect(
      charts.map(\.name) == [
        "chart-funnel", "chart-forecast", "chart-win-probability", "chart-grade-mix", "chart-aging",
        "chart-utilization",
      ])
    for chart in charts {
      #expect(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(chart.name)")
      #expect(!chart.svg.contains("<script"), "\(chart.name)")
      #expect(!chart.svg.contains("href"), "\(chart.name): no link to anything outside")
      #expect(chart.svg.contains("<title>"), "\(chart.name)")
    }
  }

  @Test func stageNamesFromTheConfigurationAreEscaped() throws {
    let hostile =
      #"{"stages": [{"id": "s1", "name": {"zh": "<script>alert(1)</script>", "en": "<script>alert(1)</script>"}, "defaultProbability": 0.5}]}"#
    let funnel = Charts.funnel(try context(configJSON: hostile))
    #expect(!funnel.contains("<script>"))
    #expect(funnel.contains("&lt;script&gt;"))
  }

  @Test func markdownLinksEachChartBesideIt() throws {
    let files = ReportRenderer.render(try context(language: .zhCN))
    let markdown = try #require(files.first { $0.name == "report.md" }).text
    for name in ["chart-funnel", "chart-forecast", "chart-utilization"] {
      #expect(markdown.contains("](\(name).svg)"))
      #expect(files.contains { $0.name == "\(name).svg" })
    }
    let html = try #require(files.first { $0.name == "report.html" }).text
    #expect(html.contains("<figure class=\"chart\">"))
  }
}
