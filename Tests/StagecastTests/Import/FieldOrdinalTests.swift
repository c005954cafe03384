import Testing

@testable import Stagecast

struct FieldOrdinalTests {
  /// The importer indexes a table by ordinal, so ordinals must match `allCases`.
  @Test func ordinalsFollowAllCases() {
    for (position, field) in OpportunityField.allCases.enumerated() {
      #expect(field.ordinal == position, "\(field)")
    }
  }
}
