import CKernels
import Glibc

/// One record of a CSV file: its trimmed fields and where it sits.
///
/// Fields stay UTF-8 bytes in the block the tokenizer filled until a caller
/// needs a value. Most cells are parsed as a number, a date or a known word,
/// and building a `String` for each of sixteen million cells cost more than
/// reading them. A record keeps its block alive, so one set aside (a footer
/// row) stays valid after the reader moves on.
struct CSVRecord {
  private let storage: RecordStorage
  private let bytes: UnsafePointer<UInt8>?
  private let spans: UnsafePointer<stagecast_span>
  /// Number of fields.
  let count: Int
  /// Physical line where the record starts (1-based).
  let line: Int
  /// Physical line where the record ends, larger than `line` when a quoted field contains line breaks.
  let lastLine: Int
  /// Whether a blank line comes right before the record, as before a report footer.
  let followsBlankLine: Bool

  /// Creates a view of record `index` of `storage`, which the tokenizer no longer fills.
  init(_ index: Int, of storage: RecordStorage) {
    let records = storage.records.pointee
    let entry = records.records[index]
    self.storage = storage
    bytes = UnsafePointer(records.bytes)
    guard let allSpans = records.spans else {
      preconditionFailure("a complete record has at least one field")
    }
    spans = UnsafePointer(allSpans + Int(entry.first_span))
    count = Int(entry.field_count)
    line = Int(entry.line)
    lastLine = Int(entry.last_line)
    followsBlankLine = entry.follows_blank_line != 0
  }

  /// The trimmed text of field `index`.
  subscript(index: Int) -> String {
    withField(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Every field as text: for headers and other rows read once.
  var fields: [String] { (0..<count).map { self[$0] } }

  /// Returns whether field `index` is empty after trimming.
  func isEmpty(_ index: Int) -> Bool {
    precondition(index >= 0 && index < count, "field index out of range")
    return spans[index].start == spans[index].end
  }

  /// Calls `body` with the trimmed bytes of field `index`.
  func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result)
    rethrows -> Result
  {
    try withCells { try body($0[index]) }
  }

  /// A view of every field's trimmed bytes, valid only inside `withCells`.
  struct Cells {
    fileprivate let base: UnsafePointer<UInt8>?
    fileprivate let spans: UnsafePointer<stagecast_span>
    let count: Int

    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
      precondition(index >= 0 && index < count, "field index out of range")
      let span = spans[index]
      return UnsafeBufferPointer(
        start: base.map { $0 + Int(span.start) }, count: Int(span.end &- span.start))
    }
  }

  /// Calls `body` with a view of the fields' bytes: the import reads a row
  /// through it without copying a cell.
  func withCells<Result>(_ body: (Cells) throws -> Result) rethrows -> Result {
    try withExtendedLifetime(storage) {
      try body(Cells(base: bytes, spans: spans, count: count))
    }
  }
}

/// A block of records filled by the tokenizer (`stagecast_records`), then
/// read through `CSVRecord` values that keep it alive.
final class RecordStorage: @unchecked Sendable {
  let records = UnsafeMutablePointer<stagecast_records>.allocate(capacity: 1)

  init() {
    records.initialize(to: stagecast_records())
  }

  deinit {
    stagecast_records_free(records)
    records.deallocate()
  }

  /// Complete records in the block.
  var count: Int { records.pointee.record_count }
}

/// The collector's trimming, for Swift callers and tests.
///
/// It finds a cell's text without the white space around it: ASCII space and
/// control spaces, the no-break space, the ideographic space U+3000 that
/// Chinese input methods leave, other Unicode spaces and a stray byte-order mark.
enum TrimmedSpan {
  static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    guard let base = bytes.baseAddress else { return 0..<0 }
    let span = stagecast_trimmed_span(base, bytes.count)
    return Int(span.start)..<Int(span.end)
  }
}

/// The collector's check of a UTF-8 field (`stagecast_utf8_invalid_offset`), for tests.
enum UTF8Field {
  /// Returns the offset of the first sequence that is not UTF-8, or nil.
  static func invalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let offset = stagecast_utf8_invalid_offset(base, bytes.count)
    return offset < bytes.count ? offset : nil
  }
}

/// The collector's line-break count, for Swift callers and tests.
///
/// LF, CRLF and a lone CR each count once.
enum LineBreaks {
  static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    return stagecast_count_line_breaks(base, bytes.count)
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
  /// Whether libcsv reads the GB18030 bytes as they are and each field is
  /// decoded as it is stored, instead of the whole file before parsing.
  private let decodesFields: Bool
  /// The first chunk before decoding, when fields are decoded.
  private var rawFirstChunk: [UInt8] = []

  /// Opens `path` and reads its first chunk to detect encoding and delimiter.
  ///
  /// GB18030 is decoded field by field unless `decodesFieldsOfGB18030` is
  /// false, which tests use to compare with decoding the whole file.
  /// - Throws: `ImportError` when the file is missing, unreadable or empty.
  init(
    path: String, encoding override: TextEncoding? = nil, delimiter: UInt8? = nil,
    decodesFieldsOfGB18030: Bool = true
  ) throws {
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
    decodesFields = encoding == .gb18030 && decodesFieldsOfGB18030
    if decodesFields { rawFirstChunk = chunk }

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

  /// Counts LF bytes (`stagecast_count_line_feeds`).
  static func countLineFeeds(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    return stagecast_count_line_feeds(base.assumingMemoryBound(to: UInt8.self), bytes.count)
  }

  static func lineNumber(in bytes: [UInt8], upTo end: Int) -> Int {
    1 + bytes[0..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// Calls `body` with each record in file order.
  ///
  /// Blank lines are skipped. A quoted field that is never closed ends the file: its record is
  /// listed in `unreadable`, and the records before it are kept.
  /// - Throws: `ImportError` for invalid bytes or a libcsv failure, or what `body` throws.
  func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    var recycled: RecordStorage?
    try tokenize(
      spare: {
        // A block is filled again only when no record set aside still reads it.
        if var storage = recycled.take(), isKnownUniquelyReferenced(&storage) { return storage }
        return RecordStorage()
      },
      deliver: { storage in
        for index in 0..<storage.count { try body(CSVRecord(index, of: storage)) }
        recycled = storage
      })
  }

  /// Calls `body` with each record in file order, as `forEachRecord` does,
  /// while a second thread tokenizes the file ahead of it.
  ///
  /// For large files: the tokenizing then costs the reading thread nothing.
  /// Everything `forEachRecord` reports, this reports in the same order.
  func forEachRecordTokenizedAhead(_ body: (CSVRecord) throws -> Void) throws {
    let channel = RecordChannel()
    let reader = HandOver(value: self)
    RecordChannel.startThread {
      struct Stopped: Error {}
      do {
        try reader.value.tokenize(
          spare: channel.spare,
          deliver: { storage in
            guard channel.send(storage) else { throw Stopped() }
          })
        channel.finish(failure: nil)
      } catch is Stopped {
        channel.finish(failure: nil)
      } catch {
        channel.finish(failure: error)
      }
    }

    do {
      while var storage = channel.receive() {
        for index in 0..<storage.count { try body(CSVRecord(index, of: storage)) }
        if isKnownUniquelyReferenced(&storage) { channel.recycle(storage) }
      }
    } catch {
      channel.cancel()
      _ = channel.waitForFinish()
      throw error
    }
    if let failure = channel.waitForFinish() { throw failure }
  }

  /// Bytes handed to libcsv at a time: the records of one slice are read
  /// while its bytes are still in the cache.
  static let sliceSize = 1 << 17

  /// Tokenizes the file and hands each block of complete records to
  /// `deliver`, taking the next block to fill from `spare`.
  private func tokenize(
    spare: () -> RecordStorage, deliver: (RecordStorage) throws -> Void
  ) throws {
    let collector = UnsafeMutablePointer<stagecast_collector>.allocate(capacity: 1)
    defer { collector.deallocate() }
    var current = spare()
    stagecast_records_clear(current.records)
    stagecast_collector_init(collector, current.records)
    let parser = try LibCSVParser(delimiter: format.delimiter, collector: collector)
    let fieldDecoder = decodesFields ? GB18030FieldDecoder() : nil
    if decodesFields {
      guard let fieldDecoder else {
        throw ImportError.unsupportedEncoding(file: path, encoding: format.encoding.rawValue)
      }
      collector.pointee.gb18030 = UnsafePointer(fieldDecoder.settings)
    }
    // The collector reads the decoder's settings until the last field.
    defer { withExtendedLifetime(fieldDecoder) {} }

    // The records complete so far leave, and the open one moves to the next block.
    func handOver() throws {
      guard current.count > 0 else { return }
      let next = spare()
      stagecast_collector_switch(collector, next.records)
      try checkCollector(collector)
      let filled = current
      current = next
      try deliver(filled)
    }

    var chunk = decodesFields ? rawFirstChunk : firstChunk
    firstChunk = []
    rawFirstChunk = []
    var raw = [UInt8](repeating: 0, count: isAtEnd ? 0 : CSVReader.chunkSize)
    // Line breaks counted over the whole input, so an unterminated quote can
    // name the last unreadable line. libcsv does not return the open field's text.
    var lineBreaks = 0
    var endsWithLineBreak = false
    // Text from iconv is UTF-8 by construction, and GB18030 fields are
    // checked as they are decoded. Raw UTF-8 is checked field by field.
    collector.pointee.checks_utf8 = decoder == nil ? 1 : 0
    while true {
      chunk.withUnsafeBytes { bytes in
        lineBreaks += CSVReader.countLineFeeds(bytes)
        if let last = bytes.last { endsWithLineBreak = last == 0x0A }
      }
      try chunk.withUnsafeBytes { bytes in
        var start = 0
        while start < bytes.count {
          let end = min(bytes.count, start + CSVReader.sliceSize)
          try parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), with: parser, collector)
          try handOver()
          start = end
        }
      }
      guard !isAtEnd else { break }

      if let progress, fileSize > 0 { progress(min(1, Double(bytesRead) / Double(fileSize))) }
      let count = raw.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0, ferror(file) != 0 {
        throw ImportError.unreadable(file: path, reason: String(cString: strerror(errno)))
      }
      bytesRead += count
      isAtEnd = count < CSVReader.chunkSize
      if let decoder, !decodesFields {
        chunk.removeAll(keepingCapacity: true)
        do {
          try raw.withUnsafeBytes {
            try decoder.decode(
              UnsafeRawBufferPointer(rebasing: $0[0..<count]), isLast: isAtEnd, into: &chunk)
          }
        } catch is IconvDecoder.InvalidInput {
          throw ImportError.invalidEncoding(
            file: path,
            line: Int(collector.pointee.line) + CSVReader.lineNumber(in: chunk, upTo: chunk.count)
              - 1,
            encoding: format.encoding.rawValue)
        }
      } else {
        chunk = Array(raw[0..<count])
      }
    }

    do {
      try parser.finish()
      try checkCollector(collector)
      try handOver()
    } catch LibCSVStatus.parse {
      let openFieldLine = Int(collector.pointee.open_field_line)
      let lastLine = max(openFieldLine, lineBreaks + (endsWithLineBreak ? 0 : 1))
      unreadable.append(
        UnreadableRecord(
          line: openFieldLine, lastLine: lastLine,
          reason: .unterminatedQuote(startLine: openFieldLine, lastLine: lastLine)))
    }
  }

  private func parse(
    _ bytes: UnsafeRawBufferPointer, with parser: LibCSVParser,
    _ collector: UnsafeMutablePointer<stagecast_collector>
  ) throws {
    do {
      try parser.parse(bytes)
    } catch let status as LibCSVStatus {
      throw ImportError.csv(file: path, line: Int(collector.pointee.line), detail: status.detail)
    }
    try checkCollector(collector)
  }

  /// Throws when the collector could not store a field.
  private func checkCollector(_ collector: UnsafeMutablePointer<stagecast_collector>) throws {
    let status: LibCSVStatus
    switch Int(collector.pointee.failure) {
    case STAGECAST_COLLECTOR_OK: return
    case STAGECAST_COLLECTOR_INVALID_ENCODING:
      throw ImportError.invalidEncoding(
        file: path, line: Int(collector.pointee.line), encoding: format.encoding.rawValue)
    case STAGECAST_COLLECTOR_TOO_BIG: status = .tooBig
    default: status = .outOfMemory
    }
    throw ImportError.csv(file: path, line: Int(collector.pointee.line), detail: status.detail)
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
