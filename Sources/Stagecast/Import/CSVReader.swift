import Glibc

/// One record of a CSV file: its trimmed fields and where it sits.
///
/// Fields stay UTF-8 bytes in one buffer until a caller needs a value. Most
/// cells are parsed as a number, a date or a known word, and building a
/// `String` for each of sixteen million cells cost more than reading them.
struct CSVRecord {
  /// The fields' bytes, one after another, white space included.
  private(set) var bytes: [UInt8] = []
  /// Each field's trimmed span in `bytes`.
  private var spans: [Range<Int>] = []
  /// Physical line where the record starts (1-based).
  var line = 0
  /// Physical line where the record ends, larger than `line` when a quoted field contains line breaks.
  var lastLine = 0
  /// Whether a blank line comes right before the record, as before a report footer.
  var followsBlankLine = false

  init() {}

  /// Number of fields.
  var count: Int { spans.count }

  /// The trimmed text of field `index`.
  subscript(index: Int) -> String {
    withField(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Every field as text: for headers and other rows read once.
  var fields: [String] { (0..<count).map { self[$0] } }

  /// Returns whether field `index` is empty after trimming.
  func isEmpty(_ index: Int) -> Bool { spans[index].isEmpty }

  /// Calls `body` with the trimmed bytes of field `index`.
  func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result)
    rethrows -> Result
  {
    let span = spans[index]
    return try bytes.withUnsafeBufferPointer {
      try body(UnsafeBufferPointer(rebasing: $0[span]))
    }
  }

  /// A view of every field's trimmed bytes, valid only inside `withCells`.
  struct Cells {
    fileprivate let base: UnsafePointer<UInt8>?
    fileprivate let spans: UnsafeBufferPointer<Range<Int>>

    var count: Int { spans.count }

    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
      let span = spans[index]
      return UnsafeBufferPointer(start: base.map { $0 + span.lowerBound }, count: span.count)
    }
  }

  /// Calls `body` with a view of the fields' bytes: the import reads a row
  /// through it without copying a cell.
  func withCells<Result>(_ body: (Cells) throws -> Result) rethrows -> Result {
    try bytes.withUnsafeBufferPointer { bytes in
      try spans.withUnsafeBufferPointer { spans in
        try body(Cells(base: bytes.baseAddress, spans: spans))
      }
    }
  }

  /// Adds a field, trimming white space around it.
  mutating func append(_ field: UnsafeBufferPointer<UInt8>) {
    let start = bytes.count
    bytes.append(contentsOf: field)
    let trimmed = TrimmedSpan.of(field)
    spans.append((start + trimmed.lowerBound)..<(start + trimmed.upperBound))
  }

  /// Adds a copy of the record to `batch`.
  func append(to batch: inout RecordBatch) {
    let byteStart = batch.bytes.count
    let spanStart = batch.spans.count
    batch.bytes.append(contentsOf: bytes)
    batch.spans.append(contentsOf: spans)
    batch.entries.append(
      RecordBatch.Entry(
        bytes: byteStart..<batch.bytes.count, spans: spanStart..<batch.spans.count, line: line,
        lastLine: lastLine, followsBlankLine: followsBlankLine))
  }

  /// Replaces the record with record `index` of `batch`.
  mutating func load(_ index: Int, from batch: RecordBatch) {
    let entry = batch.entries[index]
    bytes.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: batch.bytes[entry.bytes])
    spans.append(contentsOf: batch.spans[entry.spans])
    line = entry.line
    lastLine = entry.lastLine
    followsBlankLine = entry.followsBlankLine
  }

  /// Empties the record for the next one, keeping its buffers.
  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
  }
}

/// Finds a cell's text without the white space around it: ASCII space and
/// control spaces, the no-break space, the ideographic space U+3000 that
/// Chinese input methods leave, other Unicode spaces and a stray byte-order mark.
enum TrimmedSpan {
  static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var start = 0
    var end = bytes.count
    // Fast path: most cells start and end with a visible ASCII character.
    if end == 0 || (isVisibleASCII(bytes[0]) && isVisibleASCII(bytes[end - 1])) {
      return 0..<end
    }
    while start < end {
      let width = spaceWidth(bytes, at: start)
      guard width > 0 else { break }
      start += width
    }
    while end > start {
      let width = spaceWidthEnding(bytes, at: end, from: start)
      guard width > 0 else { break }
      end -= width
    }
    return start..<end
  }

  private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

  /// Width in bytes of the white space starting at `index`, 0 when none does.
  private static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
    guard byte >= 0xC2 else { return 0 }
    let rest = bytes.count - index
    let second: UInt8 = rest > 1 ? bytes[index + 1] : 0
    let third: UInt8 = rest > 2 ? bytes[index + 2] : 0
    return unicodeSpaceWidth(byte, second, third)
  }

  /// Width in bytes of the white space ending just before `end`, 0 when none does.
  private static func spaceWidthEnding(
    _ bytes: UnsafeBufferPointer<UInt8>, at end: Int, from start: Int
  ) -> Int {
    let last = bytes[end - 1]
    if last == 0x20 || (last >= 0x09 && last <= 0x0D) { return 1 }
    guard last >= 0x80 else { return 0 }
    for width in 2...3 where end - width >= start {
      let first = bytes[end - width]
      let second = bytes[end - width + 1]
      let third: UInt8 = width == 3 ? bytes[end - 1] : 0
      if unicodeSpaceWidth(first, second, third) == width { return width }
    }
    return 0
  }

  /// Returns the UTF-8 width of a Unicode white-space character or BOM starting
  /// with these bytes, 0 for anything else.
  private static func unicodeSpaceWidth(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    switch (first, second) {
    case (0xC2, 0x85), (0xC2, 0xA0): return 2
    case (0xE1, 0x9A) where third == 0x80: return 3
    case (0xE2, 0x80)
    where (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF:
      return 3
    case (0xE2, 0x81) where third == 0x9F: return 3
    case (0xE3, 0x80) where third == 0x80: return 3
    case (0xEF, 0xBB) where third == 0xBF: return 3
    default: return 0
    }
  }
}

/// Reads a CSV file record by record: detects the encoding and the
/// delimiter, decodes to UTF-8 and tokenizes with libcsv, never holding
/// more than one chunk of the file in memory.
final class CSVReader {
  /// The encoding and delimiter the file was read with, for `inspect` and the data-quality section.
  struct Format: Sendable {
    var encoding: TextEncoding
    var delimiter: UInt8
  }

  /// A record that could not be tokenized, kept as a reject.
  struct UnreadableRecord {
    var line: Int
    var lastLine: Int
    var reason: RejectReason
  }

  static let chunkSize = 1 << 20

  let path: String
  private(set) var format: Format
  /// Records the file holds, estimated from its size and the lines of the
  /// first chunk; for reserving memory, never for counting.
  private(set) var estimatedRecordCount = 0
  /// Records lost to a quote that was never closed.
  private(set) var unreadable: [UnreadableRecord] = []
  /// Called after each chunk with the share of the file read so far (0–1).
  var progress: ((Double) -> Void)?
  private var fileSize = 0
  private var bytesRead = 0

  private let handle: OpenFile
  private var file: UnsafeMutablePointer<FILE> { handle.pointer }
  private var firstChunk: [UInt8]
  private var isAtEnd: Bool
  private let decoder: IconvDecoder?

  /// Opens `path` and reads its first chunk to detect encoding and delimiter.
  /// - Throws: `ImportError` when the file is missing, unreadable or empty.
  init(path: String, encoding override: TextEncoding? = nil, delimiter: UInt8? = nil) throws {
    self.path = path
    guard let file = fopen(path, "rb") else {
      let code = errno
      if code == ENOENT { throw ImportError.fileNotFound(file: path) }
      throw ImportError.unreadable(file: path, reason: String(cString: strerror(code)))
    }
    // The handle closes the file however this initializer ends.
    let handle = OpenFile(file)
    self.handle = handle

    // Small files get a buffer of their own size, not a whole chunk.
    var status = stat()
    let size = fstat(fileno(file), &status) == 0 && status.st_size > 0 ? Int(status.st_size) : 0
    let firstReadSize = size > 0 ? min(size + 1, CSVReader.chunkSize) : CSVReader.chunkSize
    var chunk = [UInt8](repeating: 0, count: firstReadSize)
    let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    if count == 0, ferror(file) != 0 {
      let code = errno
      throw ImportError.unreadable(file: path, reason: String(cString: strerror(code)))
    }
    chunk.removeSubrange(count...)
    let isWholeFile = count < firstReadSize
    isAtEnd = isWholeFile

    var (encoding, bomLength) = TextEncoding.detect(chunk, isWholeFile: isWholeFile)
    if let override {
      encoding = override
      bomLength = 0
      if override == .utf8, chunk.starts(with: [0xEF, 0xBB, 0xBF]) { bomLength = 3 }
      if override == .utf16LE, chunk.starts(with: [0xFF, 0xFE]) { bomLength = 2 }
      if override == .utf16BE, chunk.starts(with: [0xFE, 0xFF]) { bomLength = 2 }
    }
    chunk.removeFirst(bomLength)

    if let name = encoding.iconvName {
      guard let decoder = IconvDecoder(from: name) else {
        throw ImportError.unsupportedEncoding(file: path, encoding: encoding.rawValue)
      }
      self.decoder = decoder
      var utf8: [UInt8] = []
      do {
        try chunk.withUnsafeBytes { try decoder.decode($0, isLast: isWholeFile, into: &utf8) }
      } catch {
        throw ImportError.invalidEncoding(
          file: path, line: CSVReader.lineNumber(in: utf8, upTo: utf8.count),
          encoding: encoding.rawValue)
      }
      chunk = utf8
    } else {
      decoder = nil
    }
    firstChunk = chunk
    let sampleLines = max(1, chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
    let fileSize = max(size, count)
    self.fileSize = fileSize
    bytesRead = count
    // A margin over the sample's rate: growing a reserved array by one row
    // would copy every deal read so far.
    estimatedRecordCount = min(
      50_000_000, Int(Double(fileSize) / Double(max(1, count)) * Double(sampleLines) * 1.05))

    let chosenDelimiter = delimiter ?? CSVReader.detectDelimiter(in: chunk)
    format = Format(encoding: encoding, delimiter: chosenDelimiter)
    if chunk.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) {
      throw ImportError.empty(file: path)
    }
  }

  /// Picks comma, semicolon or tab: the one found most often outside quotes
  /// in the header line; comma when none is found.
  static func detectDelimiter(in bytes: [UInt8]) -> UInt8 {
    var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
    var isQuoted = false
    for byte in bytes {
      if byte == 0x22 {
        isQuoted.toggle()
      } else if !isQuoted, byte == 0x0A || byte == 0x0D {
        break
      } else if !isQuoted, counts[byte] != nil {
        counts[byte, default: 0] += 1
      }
    }
    let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
    guard let best, best.value > 0 else { return 0x2C }
    return best.key
  }

  /// Counts LF bytes with memchr, which skips the bytes between far faster than a byte loop.
  static func countLineFeeds(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard var rest = bytes.baseAddress else { return 0 }
    var remaining = bytes.count
    var count = 0
    while remaining > 0, let found = memchr(rest, 0x0A, remaining) {
      count += 1
      let skipped = UnsafeRawPointer(found) - rest + 1
      rest += skipped
      remaining -= skipped
    }
    return count
  }

  static func lineNumber(in bytes: [UInt8], upTo end: Int) -> Int {
    1 + bytes[0..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// Calls `body` with each record in file order.
  ///
  /// Blank lines are skipped. A quoted field that is never closed ends the file: its record is
  /// listed in `unreadable`, and the records before it are kept.
  /// - Throws: `ImportError` for invalid bytes or a libcsv failure, or what `body` throws.
  func forEachRecord(_ body: (inout CSVRecord) throws -> Void) throws {
    try withoutActuallyEscaping(body) { escapableBody in
      try readRecords(escapableBody)
    }
  }

  /// Calls `body` with each record in file order, as `forEachRecord` does,
  /// while a second thread tokenizes the file ahead of it.
  ///
  /// For large files: the tokenizing then costs the reading thread nothing
  /// but a copy of each record. Everything `forEachRecord` reports, this
  /// reports in the same order.
  func forEachRecordTokenizedAhead(_ body: (inout CSVRecord) throws -> Void) throws {
    let channel = RecordChannel()
    let reader = HandOver(value: self)
    RecordChannel.startThread {
      struct Stopped: Error {}
      var batch = RecordBatch()
      do {
        try reader.value.forEachRecord { record in
          record.append(to: &batch)
          if batch.isFull {
            guard let next = channel.send(batch) else { throw Stopped() }
            batch = next
          }
        }
        if !batch.entries.isEmpty { _ = channel.send(batch) }
        channel.finish(failure: nil)
      } catch is Stopped {
        channel.finish(failure: nil)
      } catch {
        // The records before the failure are read first, as without a second thread.
        if !batch.entries.isEmpty { _ = channel.send(batch) }
        channel.finish(failure: error)
      }
    }

    var record = CSVRecord()
    do {
      while let batch = channel.receive() {
        for index in batch.entries.indices {
          record.load(index, from: batch)
          try body(&record)
        }
        channel.recycle(batch)
      }
    } catch {
      channel.cancel()
      _ = channel.waitForFinish()
      throw error
    }
    if let failure = channel.waitForFinish() { throw failure }
  }

  private func readRecords(_ body: @escaping (inout CSVRecord) throws -> Void) throws {
    let collector = RecordCollector(path: path, body: body)
    let parser = try LibCSVParser(delimiter: format.delimiter, sink: collector)

    var chunk = firstChunk
    firstChunk = []
    var raw = [UInt8](repeating: 0, count: isAtEnd ? 0 : CSVReader.chunkSize)
    // Line breaks counted over the whole input, so an unterminated quote can
    // name the last unreadable line. libcsv does not return the open field's text.
    var lineBreaks = 0
    var endsWithLineBreak = false
    // Text from iconv is UTF-8 by construction; raw UTF-8 input is checked here.
    var validator = decoder == nil ? UTF8Validator() : nil
    while true {
      let invalidLine = chunk.withUnsafeBytes { bytes -> Int? in
        if let offset = validator?.firstInvalidOffset(in: bytes) {
          var line = lineBreaks + 1
          for byte in bytes[0..<offset] where byte == 0x0A { line += 1 }
          return line
        }
        lineBreaks += CSVReader.countLineFeeds(bytes)
        if let last = bytes.last { endsWithLineBreak = last == 0x0A }
        return nil
      }
      if let invalidLine {
        throw ImportError.invalidEncoding(
          file: path, line: invalidLine, encoding: format.encoding.rawValue)
      }
      if isAtEnd, let validator, !validator.isComplete {
        throw ImportError.invalidEncoding(
          file: path, line: lineBreaks + (endsWithLineBreak ? 0 : 1),
          encoding: format.encoding.rawValue)
      }
      try chunk.withUnsafeBytes { try parse($0, with: parser, collector: collector) }
      guard !isAtEnd else { break }

      if let progress, fileSize > 0 { progress(min(1, Double(bytesRead) / Double(fileSize))) }
      let count = raw.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0, ferror(file) != 0 {
        throw ImportError.unreadable(file: path, reason: String(cString: strerror(errno)))
      }
      bytesRead += count
      isAtEnd = count < CSVReader.chunkSize
      if let decoder {
        chunk.removeAll(keepingCapacity: true)
        do {
          try raw.withUnsafeBytes {
            try decoder.decode(
              UnsafeRawBufferPointer(rebasing: $0[0..<count]), isLast: isAtEnd, into: &chunk)
          }
        } catch is IconvDecoder.InvalidInput {
          throw ImportError.invalidEncoding(
            file: path,
            line: collector.line + CSVReader.lineNumber(in: chunk, upTo: chunk.count) - 1,
            encoding: format.encoding.rawValue)
        }
      } else {
        chunk = Array(raw[0..<count])
      }
    }

    do {
      try parser.finish()
    } catch LibCSVStatus.parse {
      let lastLine = max(collector.openFieldLine, lineBreaks + (endsWithLineBreak ? 0 : 1))
      unreadable.append(
        UnreadableRecord(
          line: collector.openFieldLine, lastLine: lastLine,
          reason: .unterminatedQuote(startLine: collector.openFieldLine, lastLine: lastLine)))
    }
    try collector.rethrow()
  }

  private func parse(
    _ bytes: UnsafeRawBufferPointer, with parser: LibCSVParser, collector: RecordCollector
  ) throws {
    do {
      try parser.parse(bytes)
    } catch let status as LibCSVStatus {
      throw ImportError.csv(file: path, line: collector.line, detail: status.detail)
    }
    try collector.rethrow()
  }
}

/// An open C file, closed when the last reference goes.
private final class OpenFile {
  let pointer: UnsafeMutablePointer<FILE>

  init(_ pointer: UnsafeMutablePointer<FILE>) {
    self.pointer = pointer
  }

  deinit {
    fclose(pointer)
  }
}

/// Receives libcsv's fields and record ends, counts physical lines and
/// hands complete records to the caller.
private final class RecordCollector: LibCSVSink {
  /// The collector's state, changed as fields arrive.
  private struct State {
    /// Physical line the parser has reached (1-based).
    var line = 1
    /// Line where the field now being read began, for an unterminated quote.
    var openFieldLine = 1
    var record = CSVRecord()
    var previousTerminator: Int32 = 0
    var sawBlankLine = false
    var failure: Error?
  }

  let path: String
  let body: (inout CSVRecord) throws -> Void
  /// Kept behind a pointer: every field of the file passes through here,
  /// and a class's stored variables cost a runtime exclusivity check on
  /// each access, which showed in profiles.
  private let state = UnsafeMutablePointer<State>.allocate(capacity: 1)

  /// Physical line the parser has reached (1-based).
  var line: Int { state.pointee.line }
  /// Line where the field now being read began, for an unterminated quote.
  var openFieldLine: Int { state.pointee.openFieldLine }

  init(path: String, body: @escaping (inout CSVRecord) throws -> Void) {
    self.path = path
    self.body = body
    state.initialize(to: State())
    state.pointee.record.line = 1
  }

  deinit {
    state.deinitialize(count: 1)
    state.deallocate()
  }

  func rethrow() throws {
    if let failure = state.pointee.failure { throw failure }
  }

  func field(_ bytes: UnsafeRawBufferPointer) {
    guard state.pointee.failure == nil else { return }
    if state.pointee.record.count == 0 { state.pointee.record.line = state.pointee.line }

    let field = bytes.bindMemory(to: UInt8.self)
    let newlines = countLineBreaks(field)
    state.pointee.record.append(field)
    state.pointee.line += newlines
    state.pointee.openFieldLine = state.pointee.line
    state.pointee.previousTerminator = 0
  }

  func endOfRecord(terminator: Int32) {
    guard state.pointee.failure == nil else { return }

    let isBlank = state.pointee.record.count == 0
    // With CSV_REPALL_NL the LF of a CRLF pair arrives as an empty record.
    let isSecondHalfOfCRLF =
      isBlank && terminator == 0x0A && state.pointee.previousTerminator == 0x0D
    if isBlank, !isSecondHalfOfCRLF, terminator != -1 {
      state.pointee.sawBlankLine = true
    }
    if !isBlank {
      state.pointee.record.lastLine = state.pointee.line
      state.pointee.record.followsBlankLine = state.pointee.sawBlankLine
      state.pointee.sawBlankLine = false
      do {
        try body(&state.pointee.record)
      } catch {
        state.pointee.failure = error
      }
    }
    if terminator == 0x0A || terminator == 0x0D, !isSecondHalfOfCRLF {
      state.pointee.line += 1
    }
    state.pointee.previousTerminator = isSecondHalfOfCRLF ? 0 : terminator
    state.pointee.record.removeAll()
    state.pointee.record.line = state.pointee.line
    state.pointee.openFieldLine = state.pointee.line
  }

  /// Counts the line breaks inside a quoted field: LF, CRLF and a lone CR each count once.
  private func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    // Nearly every field has no control byte at all: one pass settles it
    // for twenty-five million fields, where two memchr calls each cost more.
    guard ControlBytes.any(in: bytes) else { return 0 }
    var count = CSVReader.countLineFeeds(UnsafeRawBufferPointer(bytes))
    var rest = UnsafeRawPointer(base)
    var remaining = bytes.count
    while remaining > 0, let found = memchr(rest, 0x0D, remaining) {
      let skipped = UnsafeRawPointer(found) - rest + 1
      if skipped == remaining || rest.load(fromByteOffset: skipped, as: UInt8.self) != 0x0A {
        count += 1
      }
      rest += skipped
      remaining -= skipped
    }
    return count
  }
}

/// Finds the bytes below 0x0E (CR, LF and other controls) without a call per field.
enum ControlBytes {
  /// Returns whether any byte is below 0x0E, as CR and LF are, reading eight bytes at a time.
  static func any(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      // A byte below 0x0E borrows into its own high bit; bytes of 0x80 and
      // above are masked out by `~word`.
      if (word &- ones &* 0x0E) & ~word & highBits != 0 { return true }
      offset += 8
    }
    while offset < bytes.count {
      if bytes[offset] < 0x0E { return true }
      offset += 1
    }
    return false
  }
}
