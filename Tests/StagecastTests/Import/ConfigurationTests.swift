import Testing

@testable import Stagecast

struct ConfigurationTests {
  private func load(_ json: String) throws -> Configuration {
    try ConfigurationLoader.load(userJSON: Array(json.utf8), file: "team.json")
  }

  @Test func defaultHasTASStages() {
    let configuration = ConfigurationLoader.defaultConfiguration()
    #expect(
      configuration.stages.map(\.id) == [
        "validate", "approve", "needs", "value", "tender", "bid", "negotiate",
      ])
    #expect(
      configuration.stages.map(\.name.zh) == [
        "验证商机", "商机立项", "需求分析", "价值呈现", "招标准备", "组织投标", "谈判签约",
      ])
    #expect(configuration.forecast.lookbackMonths == 24)
    #expect(configuration.forecast.priorStrength == 5)
    #expect(configuration.grades.computedGrade(amount: 5_000_000, ledByPartner: false) == .a)
    #expect(configuration.grades.computedGrade(amount: 999_999, ledByPartner: false) == .c)
    #expect(configuration.grades.computedGrade(amount: 100, ledByPartner: true) == .e)
  }

  @Test func overrideMergesObjectsAndReplacesArrays() throws {
    let configuration = try load(
      #"{"forecast": {"horizonMonths": 3}, "outcomes": {"won": ["Signed"]}}"#)
    #expect(configuration.forecast.horizonMonths == 3)
    #expect(configuration.forecast.lookbackMonths == 24)
    #expect(configuration.outcomes.won == ["Signed"])
    #expect(configuration.outcomes.lost.contains("输单"))
  }

  @Test func unknownKeyNamesFileLineAndSuggestion() {
    #expect {
      try load("{\n  \"forecast\": {\n    \"horizonMonth\": 3\n  }\n}")
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.key == "forecast.horizonMonth" && error.line == 3 && error.column == 5
        && error.problem == .unknownKey(suggestion: "horizonMonths")
    }
  }

  @Test func wrongTypeNamesKey() {
    #expect {
      try load(#"{"forecast": {"priorStrength": "five"}}"#)
    } throws: { error in
      (error as? ConfigurationError)?.problem == .wrongType(expected: "number")
        && (error as? ConfigurationError)?.key == "forecast.priorStrength"
    }
  }

  @Test func syntaxErrorHasPosition() {
    #expect {
      try load("{\n  \"language\": \"en\",\n}")
    } throws: { error in
      guard let error = error as? ConfigurationError, case .syntax = error.problem else {
        return false
      }
      return error.line == 3 && error.column == 1
    }
  }

  @Test func messageReadsCompilerStyle() {
    let error = ConfigurationError(
      file: "team.json", key: "forecast.horizonMonth", line: 3, column: 5,
      problem: .unknownKey(suggestion: "horizonMonths"))
    #expect(
      error.message(language: .en)
        == "team.json:3:5: error: unknown key \"forecast.horizonMonth\". Did you mean \"horizonMonths\"?"
    )
    #expect(
      error.message(language: .zhCN)
        == "team.json:3:5: 错误：未知配置项“forecast.horizonMonth”。是否应为“horizonMonths”？")
  }

  @Test func stagesNeedUniqueIDs() {
    #expect(throws: ConfigurationError.self) {
      try load(
        #"{"stages": [{"id": "a", "name": {"zh": "甲", "en": "A"}, "defaultProbability": 0.1}, {"id": "a", "name": {"zh": "乙", "en": "B"}, "defaultProbability": 0.2}]}"#
      )
    }
  }

  @Test func missingStageKeyPointsAtStage() {
    #expect {
      try load(
        "{\n  \"stages\": [\n    {\"id\": \"a\", \"name\": {\"zh\": \"甲\", \"en\": \"A\"}}\n  ]\n}")
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.key == "stages[0].defaultProbability"
        && error.problem == .missingKey(expected: "number")
        && error.line == 3
    }
  }

  @Test func deepNestingIsSyntaxErrorNotCrash() {
    let deep =
      "{\"forecast\": " + String(repeating: "[", count: 50_000)
      + String(repeating: "]", count: 50_000) + "}"
    #expect {
      try load(deep)
    } throws: { error in
      guard case .syntax(let expected)? = (error as? ConfigurationError)?.problem else {
        return false
      }
      return expected.contains("nested")
    }
  }

  @Test func duplicateKeyIsAnError() {
    #expect {
      try load(#"{"forecast": {"seed": 1, "seed": 2}}"#)
    } throws: { error in
      (error as? ConfigurationError)?.problem == .duplicateKey
        && (error as? ConfigurationError)?.key == "forecast.seed"
    }
  }
}
