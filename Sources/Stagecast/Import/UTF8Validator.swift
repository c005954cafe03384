/// Checks that a byte stream is UTF-8, chunk by chunk, with sequences
/// allowed to span chunks (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
///
/// Validating each chunk once lets every field become a `String` through
/// the fast `String(decoding:as:)`, which would otherwise have to validate
/// each field on its own.
struct UTF8Validator {
  /// Continuation bytes still expected by the sequence in progress.
  private var remaining = 0
  /// Range the next continuation byte must fall in; the second byte of some
  /// sequences has a narrower range than 80…BF.
  private var lower: UInt8 = 0x80
  private var upper: UInt8 = 0xBF

  /// Checks `bytes`.
  /// - Returns: the offset of the first byte that is not valid UTF-8 here, or nil.
  /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
  mutating func firstInvalidOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
      if remaining == 0, index + 8 <= count,
        bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }

      let byte = bytes[index]
      if remaining == 0 {
        switch byte {
        case 0x00...0x7F: break
        case 0xC2...0xDF: begin(1, 0x80, 0xBF)
        case 0xE0: begin(2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: begin(2, 0x80, 0xBF)
        case 0xED: begin(2, 0x80, 0x9F)
        case 0xF0: begin(3, 0x90, 0xBF)
        case 0xF1...0xF3: begin(3, 0x80, 0xBF)
        case 0xF4: begin(3, 0x80, 0x8F)
        default: return index
        }
      } else {
        guard byte >= lower, byte <= upper else { return index }
        remaining -= 1
        lower = 0x80
        upper = 0xBF
      }
      index += 1
    }
    return nil
  }

  /// Whether the stream ended between sequences, not inside one.
  var isComplete: Bool { remaining == 0 }

  private mutating func begin(_ continuations: Int, _ low: UInt8, _ high: UInt8) {
    remaining = continuations
    lower = low
    upper = high
  }
}
