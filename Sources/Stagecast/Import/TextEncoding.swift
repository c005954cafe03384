import CKernels
import Glibc

/// A text encoding the importer reads.
public enum TextEncoding: String, CaseIterable, Sendable {
  case utf8 = "utf-8"
  case utf8BOM = "utf-8 (BOM)"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  /// GB18030, the superset of GBK and GB2312 that Excel in China writes.
  case gb18030 = "gb18030"

  /// Reads an `--encoding` value (`utf-8`, `utf8`, `gbk`, `gb18030`, `utf-16le`, …).
  public init?(option: String) {
    switch option.lowercased().filter({ $0 != "-" && $0 != "_" }) {
    case "utf8": self = .utf8
    case "utf16le", "utf16": self = .utf16LE
    case "utf16be": self = .utf16BE
    // GBK and GB2312 files are valid GB18030, so one decoder reads all three.
    case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
    default: return nil
    }
  }

  /// Detects the encoding from the first bytes of a file: a byte-order mark,
  /// else UTF-8 when the bytes are valid UTF-8, else GB18030.
  /// - Returns: the encoding and the length of its byte-order mark.
  static func detect(_ prefix: [UInt8], isWholeFile: Bool) -> (TextEncoding, bomLength: Int) {
    if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8BOM, 3) }
    if prefix.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
    if prefix.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
    if let utf16 = utf16WithoutBOM(prefix) { return (utf16, 0) }
    return (isValidUTF8Prefix(prefix, isWholeFile: isWholeFile) ? .utf8 : .gb18030, 0)
  }

  /// UTF-16 without a byte-order mark, recognised by the zero bytes that
  /// ASCII text leaves at every odd (LE) or even (BE) position.
  static func utf16WithoutBOM(_ bytes: [UInt8]) -> TextEncoding? {
    let sample = bytes.prefix(4096)
    guard sample.count >= 4 else { return nil }
    var zerosAtEven = 0
    var zerosAtOdd = 0
    for (offset, byte) in sample.enumerated() where byte == 0 {
      if offset % 2 == 0 { zerosAtEven += 1 } else { zerosAtOdd += 1 }
    }
    let half = sample.count / 2
    if zerosAtOdd * 10 >= half * 3, zerosAtEven * 10 < half { return .utf16LE }
    if zerosAtEven * 10 >= half * 3, zerosAtOdd * 10 < half { return .utf16BE }
    return nil
  }

  /// Returns whether `bytes` is UTF-8, allowing a sequence cut off at the
  /// end of a partial read.
  static func isValidUTF8Prefix(_ bytes: [UInt8], isWholeFile: Bool) -> Bool {
    var end = bytes.count
    if !isWholeFile {
      // Step back over at most three continuation bytes and their lead byte.
      var back = 0
      while back < 4, end - back - 1 >= 0, bytes[end - back - 1] & 0xC0 == 0x80 { back += 1 }
      if end - back - 1 >= 0, bytes[end - back - 1] >= 0xC0 { end -= back + 1 }
    }
    return String(validating: bytes[0..<end], as: UTF8.self) != nil
  }

  /// The name glibc's iconv uses, for encodings that need conversion.
  var iconvName: String? {
    switch self {
    case .utf8, .utf8BOM: return nil
    case .utf16LE: return "UTF-16LE"
    case .utf16BE: return "UTF-16BE"
    case .gb18030: return "GB18030"
    }
  }
}

/// A streaming converter to UTF-8 over glibc's iconv (`iconv_open`, `iconv`).
final class IconvDecoder {
  /// Bytes that are not valid in the source encoding, at a byte offset of the input.
  struct InvalidInput: Error, Equatable {
    var byteOffset: Int
  }

  private let handle: iconv_t
  private var pending: [UInt8] = []
  private var consumedBytes = 0
  /// GB18030's two-byte characters, for the fast path; nil for other encodings.
  private let twoByteCharacters: GB18030TwoByteTable?

  /// Opens a converter from `encoding`.
  ///
  /// GB18030's two-byte characters are decoded from a table unless
  /// `usesTwoByteTable` is false, which tests use to compare with iconv alone.
  init?(from encoding: String, usesTwoByteTable: Bool = true) {
    guard let handle = iconv_open("UTF-8", encoding), handle != iconv_t(bitPattern: -1) else {
      return nil
    }
    self.handle = handle
    twoByteCharacters =
      encoding == "GB18030" && usesTwoByteTable ? GB18030TwoByteTable.shared : nil
  }

  deinit {
    iconv_close(handle)
  }

  /// Converts `input` and appends UTF-8 to `output`; an incomplete sequence
  /// at the end waits for the next chunk.
  /// - Throws: `InvalidInput` at the first byte the encoding does not allow,
  ///   or when the input ends inside a sequence (`isLast`).
  func decode(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) throws {
    guard let table = twoByteCharacters else {
      return try decodeWithIconv(input, isLast: isLast, into: &output)
    }

    var start = 0
    if !pending.isEmpty {
      // The character the last chunk cut goes to iconv with the few bytes
      // of this chunk that complete it.
      let prefix = min(4, input.count)
      let joined = pending + Array(UnsafeRawBufferPointer(rebasing: input[0..<prefix]))
      pending = []
      try joined.withUnsafeBytes {
        try decodeWithIconv($0, isLast: isLast && prefix == input.count, into: &output)
      }
      guard pending.count <= prefix, prefix < input.count else { return }
      // Bytes iconv left over came from this chunk: the fast path reads them again.
      start = prefix - pending.count
      pending = []
    }

    let rest = UnsafeRawBufferPointer(rebasing: input[start...])
    let decoded = table.decode(rest, into: &output)
    consumedBytes += decoded
    if decoded < rest.count || isLast {
      // Four-byte characters, bytes GB18030 does not allow and a character
      // cut by the chunk's end: iconv decides, from the first such byte on.
      try decodeWithIconv(
        UnsafeRawBufferPointer(rebasing: rest[decoded...]), isLast: isLast, into: &output)
    }
  }

  /// Converts through iconv alone: the general path, and the fallback of the fast one.
  private func decodeWithIconv(
    _ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]
  ) throws {
    pending.append(contentsOf: input)
    let sourceCount = pending.count
    var outputChunk = [UInt8](repeating: 0, count: max(4096, sourceCount * 2 + 16))
    let (code, converted, written) = pending.withUnsafeBytes { source in
      outputChunk.withUnsafeMutableBytes { convert(handle, source, into: $0) }
    }
    output.append(contentsOf: outputChunk[0..<written])

    if code == EILSEQ || (code == EINVAL && isLast) {
      throw InvalidInput(byteOffset: consumedBytes + converted)
    }
    // EINVAL: a sequence continues in the next chunk. E2BIG cannot happen
    // because the output buffer has room for twice the input plus a margin, and
    // UTF-8 never needs more than that for these encodings.
    pending = Array(pending[converted..<sourceCount])
    consumedBytes += converted
  }
}

/// Every two-byte GB18030 character in UTF-8, as glibc's iconv converts it.
///
/// Most bytes of a Chinese CRM export are ASCII, and most of the rest are
/// two-byte characters. Decoding those from a table took a fraction of the
/// time iconv took. The table is filled once by asking iconv about each of
/// the 23,940 two-byte codes, so the output is iconv's to the byte, and
/// whatever the table does not hold goes to iconv itself.
// Unchecked: `entries` is written once, before the table is shared, and only read after.
final class GB18030TwoByteTable: @unchecked Sendable {
  static let shared = GB18030TwoByteTable()

  private static let entryCount = 126 * 191

  /// By (lead − 0x81) × 191 + (trail − 0x40): the UTF-8 bytes in the low
  /// three bytes, their count in the top byte; 0 for a code iconv rejects.
  ///
  /// At an address that stays put, because the C collector reads them too
  /// (`stagecast_gb18030`); the table lives as long as the process.
  let entries: UnsafePointer<UInt32>

  private init() {
    let characters = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.entryCount)
    characters.initialize(repeating: 0, count: Self.entryCount)
    if let handle = iconv_open("UTF-8", "GB18030"), handle != iconv_t(bitPattern: -1) {
      for lead in 0x81...0xFE {
        for trail in 0x40...0xFE where trail != 0x7F {
          let input: [UInt8] = [UInt8(lead), UInt8(trail)]
          var utf8: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
          let (code, read, converted) = input.withUnsafeBytes { source in
            utf8.withUnsafeMutableBytes { convert(handle, source, into: $0) }
          }
          var written = converted
          if code != 0 || read != input.count {
            // Back to the initial state before the next code.
            _ = iconv(handle, nil, nil, nil, nil)
            written = 0
          }
          // Only characters of one to three UTF-8 bytes fit an entry; others stay with iconv.
          guard (1...3).contains(written) else { continue }
          var entry = UInt32(written) << 24
          for index in 0..<written { entry |= UInt32(utf8[index]) << (8 * UInt32(index)) }
          characters[(lead - 0x81) * 191 + (trail - 0x40)] = entry
        }
      }
      iconv_close(handle)
    }
    entries = UnsafePointer(characters)
  }

  /// Decodes ASCII and two-byte characters from the start of `bytes` and
  /// returns how many bytes it read; it stops before any other byte.
  func decode(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Int {
    let start = output.count
    // A byte gives at most one UTF-8 byte, a two-byte character at most three.
    output.append(contentsOf: repeatElement(0, count: bytes.count + bytes.count / 2 + 4))
    var read = 0
    var written = 0
    let characters = UnsafeBufferPointer(start: entries, count: Self.entryCount)
    output.withUnsafeMutableBufferPointer { output in
      let count = bytes.count
      while read < count {
        let lead = bytes[read]
        if lead < 0x80 {
          output[start + written] = lead
          written += 1
          read += 1
          continue
        }
        guard read + 1 < count, lead >= 0x81, lead <= 0xFE else { break }
        let trail = bytes[read + 1]
        guard trail >= 0x40, trail <= 0xFE, trail != 0x7F else { break }
        let entry = characters[(Int(lead) - 0x81) * 191 + Int(trail) - 0x40]
        guard entry != 0 else { break }
        for index in 0..<Int(entry >> 24) {
          output[start + written + index] = UInt8(
            truncatingIfNeeded: entry >> (8 * UInt32(index)))
        }
        written += Int(entry >> 24)
        read += 2
      }
    }
    output.removeLast(output.count - start - written)
    return read
  }
}

/// Decodes GB18030 fields one at a time as the collector stores them
/// (`stagecast_gb18030`): the two-byte table, and iconv for the rest.
final class GB18030FieldDecoder {
  let settings: UnsafeMutablePointer<stagecast_gb18030>
  private let handle: iconv_t

  init?() {
    guard let handle = iconv_open("UTF-8", "GB18030"), handle != iconv_t(bitPattern: -1) else {
      return nil
    }
    self.handle = handle
    settings = .allocate(capacity: 1)
    settings.initialize(
      to: stagecast_gb18030(
        two_byte_characters: GB18030TwoByteTable.shared.entries, iconv: handle))
  }

  deinit {
    iconv_close(handle)
    settings.deallocate()
  }
}

/// Runs iconv over `source` into `target` and returns the error number (0
/// when all of `source` was converted), the bytes read and the bytes written.
private func convert(
  _ handle: iconv_t, _ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer
) -> (code: Int32, read: Int, written: Int) {
  // iconv's input pointer is not const, though it never writes through it.
  var inPointer = UnsafeMutablePointer(
    mutating: source.baseAddress?.assumingMemoryBound(to: CChar.self))
  var inLeft = source.count
  var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
  var outLeft = target.count
  let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
  return (result == -1 ? errno : 0, source.count - inLeft, target.count - outLeft)
}
