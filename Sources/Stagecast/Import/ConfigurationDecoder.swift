/// Decodes a merged configuration tree, rejecting unknown keys and wrong types.
struct ConfigurationDecoder {
  let file: String
  let locations: [String: (line: Int, column: Int)]

  mutating func decode(_ root: JSONValue) throws -> Configuration {
    let top = try object(
      root, at: "",
      keys: [
        "language", "currency", "stages", "outcomes", "ledBy", "grades", "columns", "history",
        "import", "forecast", "notes", "targets", "resources",
      ])

    let language = try optionalString(top["language"], at: "language").map { tag in
      guard let language = ReportLanguage(tag: tag) else {
        throw failure("language", .invalidValue(detail: "zh-CN, en"))
      }
      return language
    }

    let currency = try object(top["currency"], at: "currency", keys: ["code", "aliases", "rates"])
    let rates = try object(currency["rates"], at: "currency.rates", keys: nil)
    var exchangeRates: [String: Double] = [:]
    for (code, value) in rates {
      let rate = try number(value, at: "currency.rates.\(code)")
      guard rate > 0 else { throw failure("currency.rates.\(code)", .invalidValue(detail: "> 0")) }
      exchangeRates[code.uppercased()] = rate
    }

    let stages = try decodeStages(top["stages"])
    let outcomes = try decodeOutcomes(top["outcomes"])
    let ledBy = try object(top["ledBy"], at: "ledBy", keys: ["partner"])
    let grades = try decodeGrades(top["grades"])
    let columns = try decodeColumns(top["columns"], at: "columns", as: OpportunityField.self)
    let history = try object(top["history"], at: "history", keys: ["columns", "stageColumns"])
    let historyColumns = try decodeColumns(
      history["columns"], at: "history.columns", as: HistoryField.self)
    let importSettings = try object(
      top["import"], at: "import", keys: ["emptyMarkers", "dateOrder"])
    let dateOrderText = try string(importSettings["dateOrder"], at: "import.dateOrder")
    guard let dateOrder = DateOrder(rawValue: dateOrderText) else {
      throw failure(
        "import.dateOrder",
        .invalidValue(detail: DateOrder.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    var stageColumns: [String: String] = [:]
    if let value = history["stageColumns"] {
      let ids = stages.map(\.id)
      for (id, column) in try object(value, at: "history.stageColumns", keys: ids) {
        stageColumns[id] = try string(column, at: "history.stageColumns.\(id)")
      }
    }

    // Notes are for the people who keep the file (`stagecast init` writes them).
    _ = try optionalStrings(top["notes"], at: "notes")

    var targets: [Int: Double] = [:]
    for (period, value) in try object(top["targets"], at: "targets", keys: nil) {
      let path = "targets.\(period)"
      guard let month = Day(iso: period + "-01") else {
        throw failure(path, .invalidValue(detail: "a month as YYYY-MM, such as 2026-11"))
      }
      let amount = try number(value, at: path)
      guard amount >= 0 else { throw failure(path, .invalidValue(detail: "≥ 0")) }
      targets[month.monthNumber] = amount
    }

    var configuration = Configuration(
      language: language,
      stages: stages,
      outcomes: outcomes,
      partnerWords: try strings(ledBy["partner"], at: "ledBy.partner"),
      grades: grades,
      columns: columns,
      historyColumns: historyColumns,
      stageColumns: stageColumns,
      emptyMarkers: try strings(importSettings["emptyMarkers"], at: "import.emptyMarkers"),
      dateOrder: dateOrder,
      currency: try string(currency["code"], at: "currency.code").uppercased(),
      exchangeRates: exchangeRates,
      currencyAliases: try strings(currency["aliases"], at: "currency.aliases"),
      forecast: try decodeForecast(top["forecast"]),
      targets: targets)
    configuration.resources =
      try top["resources"].map { try decodeResources($0, stages: stages) }
      ?? ResourceSettings.tasDefault(stageCount: stages.count)
    return configuration
  }

  /// Reads `resources`, which replaces the built-in section whole.
  ///
  /// The section contains the roles, the effort hours per grade, stage id and role id, and the funding policy.
  private func decodeResources(_ value: JSONValue, stages: [Stage]) throws -> ResourceSettings {
    let section = try object(value, at: "resources", keys: ["roles", "effort", "funding"])
    guard case .array(let roleValues)? = section["roles"], !roleValues.isEmpty else {
      throw failure("resources.roles", .wrongType(expected: "a non-empty array"))
    }
    var roles: [Role] = []
    for (position, element) in roleValues.enumerated() {
      let path = "resources.roles[\(position)]"
      let fields = try object(
        element, at: path,
        keys: [
          "id", "name", "hoursPerMonth", "hoursPer1000OpenDeals", "hoursPerPerson", "hoursByMonth",
        ])
      let id = try string(fields["id"], at: "\(path).id")
      guard !id.isEmpty, !roles.contains(where: { $0.id == id }) else {
        throw failure("\(path).id", .invalidValue(detail: "unique, not empty"))
      }
      let hours = try fields["hoursPerMonth"].map { try number($0, at: "\(path).hoursPerMonth") }
      let scaled = try fields["hoursPer1000OpenDeals"].map {
        try number($0, at: "\(path).hoursPer1000OpenDeals")
      }
      guard (hours == nil) != (scaled == nil), (hours ?? scaled ?? 0) >= 0 else {
        throw failure(
          path, .invalidValue(detail: "one of hoursPerMonth and hoursPer1000OpenDeals, ≥ 0"))
      }
      let perPerson = try fields["hoursPerPerson"].map {
        try number($0, at: "\(path).hoursPerPerson")
      }
      guard (perPerson ?? 1) > 0 else {
        throw failure("\(path).hoursPerPerson", .invalidValue(detail: "> 0"))
      }
      var role = Role(
        id: id, name: try localized(fields["name"], at: "\(path).name"), hoursPerMonth: hours,
        hoursPer1000OpenDeals: scaled, hoursPerPerson: perPerson ?? 140)
      if let months = fields["hoursByMonth"] {
        for (period, value) in try object(months, at: "\(path).hoursByMonth", keys: nil) {
          let monthPath = "\(path).hoursByMonth.\(period)"
          guard let month = Day(iso: period + "-01") else {
            throw failure(monthPath, .invalidValue(detail: "a month as YYYY-MM, such as 2027-02"))
          }
          let monthHours = try number(value, at: monthPath)
          guard monthHours >= 0 else { throw failure(monthPath, .invalidValue(detail: "≥ 0")) }
          role.hoursByMonth[month.monthNumber] = monthHours
        }
      }
      roles.append(role)
    }

    var effort = [[[Int]]](
      repeating: [[Int]](
        repeating: [Int](repeating: 0, count: roles.count), count: stages.count),
      count: Grade.allCases.count)
    let gradeKeys = Grade.allCases.map(\.rawValue)
    for (gradeKey, gradeValue) in try object(
      section["effort"], at: "resources.effort", keys: gradeKeys)
    {
      // The keys were checked against the grade letters just above.
      // swift-format-ignore: NeverForceUnwrap
      let grade = Grade(rawValue: gradeKey)!
      let gradePath = "resources.effort.\(gradeKey)"
      for (stageID, stageValue) in try object(gradeValue, at: gradePath, keys: stages.map(\.id)) {
        let stagePath = "\(gradePath).\(stageID)"
        // swift-format-ignore: NeverForceUnwrap
        let stage = stages.firstIndex { $0.id == stageID }!
        for (roleID, hoursValue) in try object(stageValue, at: stagePath, keys: roles.map(\.id)) {
          let path = "\(stagePath).\(roleID)"
          let hours = try number(hoursValue, at: path)
          let hundredths = (hours * 100).rounded()
          guard hours >= 0, abs(hours * 100 - hundredths) < 1e-6 else {
            throw failure(path, .invalidValue(detail: "≥ 0, at most two decimals"))
          }
          // swift-format-ignore: NeverForceUnwrap
          effort[grade.rank][stage][roles.firstIndex { $0.id == roleID }!] = Int(hundredths)
        }
      }
    }

    let fundingText = try optionalString(section["funding"], at: "resources.funding")
    let funding = try fundingText.map { text in
      guard let policy = FundingPolicy(rawValue: text) else {
        throw failure(
          "resources.funding",
          .invalidValue(detail: FundingPolicy.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      return policy
    }
    return ResourceSettings(
      roles: roles, effortHundredths: effort, funding: funding ?? .gradeThenValue)
  }

  // MARK: - Sections

  private func decodeStages(_ value: JSONValue?) throws -> [Stage] {
    guard case .array(let elements)? = value else {
      throw failure("stages", .wrongType(expected: "array"))
    }
    guard (1...31).contains(elements.count) else {
      throw failure("stages", .invalidValue(detail: "1–31 stages"))
    }

    var stages: [Stage] = []
    var seenIDs: Set<String> = []
    for (position, element) in elements.enumerated() {
      let path = "stages[\(position)]"
      let fields = try object(
        element, at: path,
        keys: [
          "id", "name", "aliases", "defaultProbability", "requiredFields", "tasks", "processes",
          "people", "maxDaysInStage",
        ])
      let id = try string(fields["id"], at: "\(path).id")
      guard !id.isEmpty, seenIDs.insert(id).inserted else {
        throw failure("\(path).id", .invalidValue(detail: "unique, not empty"))
      }
      let probability = try number(fields["defaultProbability"], at: "\(path).defaultProbability")
      guard (0...1).contains(probability) else {
        throw failure("\(path).defaultProbability", .invalidValue(detail: "0–1"))
      }
      let requiredFields = try optionalStrings(
        fields["requiredFields"], at: "\(path).requiredFields")
      for (fieldPosition, field) in requiredFields.enumerated()
      where OpportunityField(rawValue: field) == nil {
        throw failure(
          "\(path).requiredFields[\(fieldPosition)]",
          .invalidValue(detail: OpportunityField.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      let maxDays = try fields["maxDaysInStage"].flatMap { value -> Int? in
        if value == .null { return nil }
        return try integer(value, at: "\(path).maxDaysInStage")
      }

      stages.append(
        Stage(
          id: id,
          index: position + 1,
          name: try localized(fields["name"], at: "\(path).name"),
          aliases: try optionalStrings(fields["aliases"], at: "\(path).aliases"),
          defaultProbability: probability,
          requiredFields: requiredFields,
          tasks: try localizedList(fields["tasks"], at: "\(path).tasks"),
          processes: try localizedList(fields["processes"], at: "\(path).processes"),
          people: try localizedList(fields["people"], at: "\(path).people"),
          maxDaysInStage: maxDays))
    }
    return stages
  }

  private func decodeOutcomes(_ value: JSONValue?) throws -> OutcomeVocabulary {
    let fields = try object(value, at: "outcomes", keys: ["won", "lost", "excluded", "open"])
    return OutcomeVocabulary(
      won: try strings(fields["won"], at: "outcomes.won"),
      lost: try strings(fields["lost"], at: "outcomes.lost"),
      excluded: try strings(fields["excluded"], at: "outcomes.excluded"),
      open: try strings(fields["open"], at: "outcomes.open"))
  }

  private func decodeGrades(_ value: JSONValue?) throws -> GradePolicy {
    let fields = try object(value, at: "grades", keys: ["thresholds", "tracks"])
    let thresholds = try object(
      fields["thresholds"], at: "grades.thresholds", keys: ["A", "B", "C"])
    let minimumA = try number(thresholds["A"], at: "grades.thresholds.A")
    let minimumB = try number(thresholds["B"], at: "grades.thresholds.B")
    let minimumC = try number(thresholds["C"], at: "grades.thresholds.C")
    guard minimumA >= minimumB, minimumB >= minimumC, minimumC >= 0 else {
      throw failure("grades.thresholds", .invalidValue(detail: "A ≥ B ≥ C ≥ 0"))
    }

    let trackFields = try object(
      fields["tracks"], at: "grades.tracks", keys: ["A", "B", "C", "D", "E"])
    var tracks: [Grade: Track] = [:]
    for grade in Grade.allCases {
      let path = "grades.tracks.\(grade.rawValue)"
      guard let text = try trackFields[grade.rawValue].map({ try string($0, at: path) }) else {
        continue
      }
      guard let track = Track(rawValue: text) else {
        throw failure(path, .invalidValue(detail: "full, fast, partner"))
      }
      tracks[grade] = track
    }
    return GradePolicy(
      minimumAmountA: minimumA, minimumAmountB: minimumB, minimumAmountC: minimumC, tracks: tracks)
  }

  private func decodeColumns<Field: RawRepresentable & CaseIterable & Hashable>(
    _ value: JSONValue?, at path: String, as type: Field.Type
  ) throws -> [Field: String] where Field.RawValue == String {
    let names = Field.allCases.map(\.rawValue)
    let fields = try object(value, at: path, keys: names)
    var columns: [Field: String] = [:]
    for (key, column) in fields {
      guard let field = Field(rawValue: key) else { continue }
      columns[field] = try string(column, at: "\(path).\(key)")
    }
    return columns
  }

  private func decodeForecast(_ value: JSONValue?) throws -> ForecastSettings {
    let fields = try object(
      value, at: "forecast",
      keys: [
        "period", "horizonMonths", "lookbackMonths", "priorStrength", "simulations", "seed",
      ])
    let period = try string(fields["period"], at: "forecast.period")
    guard period == "month" else {
      // NOTE: quarterly lines are not built yet; only calendar months are accepted.
      throw failure("forecast.period", .invalidValue(detail: "month"))
    }
    let horizon = try integer(fields["horizonMonths"], at: "forecast.horizonMonths")
    guard (1...60).contains(horizon) else {
      throw failure("forecast.horizonMonths", .invalidValue(detail: "1–60"))
    }
    let lookback = try integer(fields["lookbackMonths"], at: "forecast.lookbackMonths")
    guard (0...600).contains(lookback) else {
      throw failure("forecast.lookbackMonths", .invalidValue(detail: "0–600"))
    }
    let prior = try number(fields["priorStrength"], at: "forecast.priorStrength")
    guard prior >= 0 else { throw failure("forecast.priorStrength", .invalidValue(detail: "≥ 0")) }
    let simulations = try integer(fields["simulations"], at: "forecast.simulations")
    guard (1...1_000_000).contains(simulations) else {
      throw failure("forecast.simulations", .invalidValue(detail: "1–1000000"))
    }
    let seed = try integer(fields["seed"], at: "forecast.seed")
    guard seed >= 0 else { throw failure("forecast.seed", .invalidValue(detail: "≥ 0")) }
    return ForecastSettings(
      lookbackMonths: lookback, priorStrength: prior, horizonMonths: horizon,
      simulations: simulations, seed: UInt64(seed))
  }

  // MARK: - Typed access

  private func failure(_ path: String, _ problem: ConfigurationError.Problem) -> ConfigurationError
  {
    // A missing key has no place of its own: point at the object that lacks it.
    var location = locations[path]
    var parent = path
    while location == nil, let cut = parent.lastIndex(where: { $0 == "." || $0 == "[" }) {
      parent = String(parent[..<cut])
      location = locations[parent]
    }
    return ConfigurationError(
      file: file, key: path, line: location?.line, column: location?.column, problem: problem)
  }

  /// The members of an object; with `keys`, any other key is an error.
  private func object(
    _ value: JSONValue?, at path: String, keys: [String]?
  ) throws -> [(key: String, value: JSONValue)] {
    guard let value else { throw failure(path, .missingKey(expected: "object")) }
    guard case .object(let members) = value else {
      throw failure(path, .wrongType(expected: "object"))
    }
    if let keys {
      for (key, _) in members where !keys.contains(key) {
        let memberPath = path.isEmpty ? key : "\(path).\(key)"
        throw failure(memberPath, .unknownKey(suggestion: closest(to: key, among: keys)))
      }
    }
    return members
  }

  private func string(_ value: JSONValue?, at path: String) throws -> String {
    guard let value else { throw failure(path, .missingKey(expected: "string")) }
    guard case .string(let text) = value else {
      throw failure(path, .wrongType(expected: "string"))
    }
    return text
  }

  private func optionalString(_ value: JSONValue?, at path: String) throws -> String? {
    if value == nil || value == .null { return nil }
    return try string(value, at: path)
  }

  private func number(_ value: JSONValue?, at path: String) throws -> Double {
    guard let value else { throw failure(path, .missingKey(expected: "number")) }
    guard case .number(let number) = value else {
      throw failure(path, .wrongType(expected: "number"))
    }
    return number
  }

  private func integer(_ value: JSONValue?, at path: String) throws -> Int {
    let value = try number(value, at: path)
    guard value.rounded() == value else { throw failure(path, .wrongType(expected: "integer")) }
    // Larger integers lose digits in JSON's double, so they are refused, not rounded.
    guard abs(value) < 9.0e15 else {
      throw failure(path, .invalidValue(detail: "an integer below 9,000,000,000,000,000"))
    }
    return Int(value)
  }

  private func strings(_ value: JSONValue?, at path: String) throws -> [String] {
    guard let value else { throw failure(path, .missingKey(expected: "array of strings")) }
    guard case .array(let elements) = value else {
      throw failure(path, .wrongType(expected: "array of strings"))
    }
    return try elements.enumerated().map { try string($1, at: "\(path)[\($0)]") }
  }

  private func optionalStrings(_ value: JSONValue?, at path: String) throws -> [String] {
    if value == nil || value == .null { return [] }
    return try strings(value, at: path)
  }

  private func localized(_ value: JSONValue?, at path: String) throws -> LocalizedText {
    let fields = try object(value, at: path, keys: ["zh", "en"])
    let zh = try string(fields["zh"], at: "\(path).zh")
    let en = try string(fields["en"], at: "\(path).en")
    return LocalizedText(zh: zh, en: en)
  }

  private func localizedList(_ value: JSONValue?, at path: String) throws -> [LocalizedText] {
    if value == nil || value == .null { return [] }
    guard case .array(let elements)? = value else {
      throw failure(path, .wrongType(expected: "array"))
    }
    return try elements.enumerated().map { try localized($1, at: "\(path)[\($0)]") }
  }

  private func closest(to key: String, among keys: [String]) -> String? {
    let scored = keys.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else {
      return nil
    }
    return best.0
  }
}

extension [(key: String, value: JSONValue)] {
  subscript(key: String) -> JSONValue? {
    last { $0.key == key }?.value
  }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
