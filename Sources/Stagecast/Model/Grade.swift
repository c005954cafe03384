/// A deal grade (商机等级), A best to E partner-led.
public enum Grade: String, CaseIterable, Comparable, Sendable {
  case a = "A"
  case b = "B"
  case c = "C"
  case d = "D"
  case e = "E"

  public static func < (lhs: Grade, rhs: Grade) -> Bool {
    lhs.rank < rhs.rank
  }

  /// Position in the order A, B, C, D, E, starting at 0.
  public var rank: Int {
    switch self {
    case .a: return 0
    case .b: return 1
    case .c: return 2
    case .d: return 3
    case .e: return 4
    }
  }

  /// Reads a recorded grade: trimmed, case ignored, full-width letters accepted.
  public init?(recorded text: String) {
    let letter = text.uppercased().map { character -> Character in
      // Full-width Ａ–Ｅ (U+FF21…) appear in Chinese spreadsheets.
      guard let scalar = character.unicodeScalars.first,
        (0xFF21...0xFF25).contains(scalar.value),
        let ascii = Unicode.Scalar(scalar.value - 0xFF21 + 0x41)
      else { return character }
      return Character(ascii)
    }
    self.init(rawValue: String(letter))
  }
}

/// The way a deal is worked (打单路径), decided by its grade.
public enum Track: String, CaseIterable, Sendable {
  /// Every stage and method (A, B by default).
  case full
  /// May jump from the first stage to the last (小单快速通道, C and D by default).
  case fast
  /// Partner registration (报备), grade E.
  case partner
}

/// Where a deal stands: still being worked, or closed one way or another.
public enum DealStatus: String, CaseIterable, Sendable {
  case open
  case won
  case lost
  /// Invalid, duplicate or disqualified (无效): counted and listed, never in a rate.
  case excluded
}
