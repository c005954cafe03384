/// A JSON document as plain values, used for the configuration file and
/// for `summary.json`.
///
/// Objects keep their key order, so a written document reads in the order
/// it was built and two runs produce the same bytes.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// Returns the value stored under `key` when this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.key == key }?.value
  }

  /// Makes a number value, or `null` for nil and for values JSON cannot represent (NaN, ∞).
  public static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// An integer count as a JSON number.
  public static func count(_ value: Int) -> JSONValue {
    .number(Double(value))
  }

  /// Merges `override` into `self`: objects merge key by key, any other
  /// value in `override` replaces the one here.
  public func merged(with override: JSONValue) -> JSONValue {
    guard case .object(var members) = self, case .object(let overrides) = override else {
      return override
    }
    for (key, value) in overrides {
      if let index = members.firstIndex(where: { $0.key == key }) {
        members[index].value = members[index].value.merged(with: value)
      } else {
        members.append((key, value))
      }
    }
    return .object(members)
  }
}
