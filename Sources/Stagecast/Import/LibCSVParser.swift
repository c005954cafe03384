import CLibCSV

/// A libcsv status code as a typed value.
///
/// Every libcsv call lives in this file; C types never leave it.
enum LibCSVStatus: Int32, Error, Sendable {
  /// `CSV_EPARSE`: a quoted field was never closed (with `CSV_STRICT_FINI`).
  case parse = 1
  /// `CSV_ENOMEM`: the field buffer could not grow.
  case outOfMemory = 2
  /// `CSV_ETOOBIG`: a field would need more than `SIZE_MAX` bytes.
  case tooBig = 3
  /// `CSV_EINVALID`: libcsv reports this code only on misuse.
  case invalid = 4

  /// libcsv's own English text for the code (`csv_strerror`).
  var detail: String {
    guard let text = csv_strerror(rawValue) else { return "libcsv error \(rawValue)" }
    return String(cString: text)
  }
}

/// What the parser reports while it reads: fields and the ends of records.
protocol LibCSVSink: AnyObject {
  /// Receives one field's bytes, unquoted, with doubled quotes collapsed.
  func field(_ bytes: UnsafeRawBufferPointer)
  /// Marks the end of a record; `terminator` is the byte that ended it
  /// (CR or LF) or -1 at the end of the input.
  func endOfRecord(terminator: Int32)
}

/// A streaming CSV tokenizer over libcsv (`csv_parse`, `csv_fini`).
///
/// `CSV_REPALL_NL` reports every unquoted CR and LF, so physical lines can be
/// counted, blank ones included. Strict mode is off: a stray quote inside an
/// unquoted field stays text instead of stopping the whole file. Because
/// libcsv's `CSV_STRICT_FINI` only works in strict mode, `finish()` checks the
/// parser state itself for a quoted field left open at the end.
final class LibCSVParser {
  private var parser = csv_parser()
  private let sink: LibCSVSink

  init(delimiter: UInt8, sink: LibCSVSink) throws {
    self.sink = sink
    let options = UInt8(CSV_REPALL_NL)
    guard csv_init(&parser, options) == 0 else { throw LibCSVStatus.outOfMemory }
    csv_set_delim(&parser, delimiter)
    // With a tab delimiter only the space is padding: libcsv's default
    // (space and tab) would swallow empty tab-separated fields. Other
    // delimiters keep the default, which libcsv tests inline instead of
    // calling a function for every byte. Other padding is trimmed after decoding.
    if delimiter == 0x09 {
      csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
    }
  }

  deinit {
    csv_free(&parser)
  }

  /// Feeds a chunk of UTF-8 bytes; records may span chunks.
  func parse(_ bytes: UnsafeRawBufferPointer) throws {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let context = Unmanaged.passUnretained(self).toOpaque()
    let consumed = csv_parse(&parser, base, bytes.count, fieldCallback, recordCallback, context)
    guard consumed == bytes.count else {
      throw LibCSVStatus(rawValue: csv_error(&parser)) ?? .invalid
    }
  }

  /// Ends the input, flushing a last record that has no line break.
  /// - Throws: `LibCSVStatus.parse` when a quoted field is still open; the
  ///   open record is then dropped, not flushed.
  func finish() throws {
    // libcsv's parser states: 2 is FIELD_BEGUN (inside a field), and
    // `quoted` is set while that field started with a quote.
    if parser.pstate == 2, parser.quoted != 0 {
      throw LibCSVStatus.parse
    }
    let context = Unmanaged.passUnretained(self).toOpaque()
    let status = csv_fini(&parser, fieldCallback, recordCallback, context)
    guard status == 0 else { throw LibCSVStatus(rawValue: status) ?? .invalid }
  }

  fileprivate func deliverField(_ pointer: UnsafeMutableRawPointer?, _ count: Int) {
    sink.field(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
  }

  fileprivate func deliverEndOfRecord(_ terminator: Int32) {
    sink.endOfRecord(terminator: terminator)
  }
}

// The parser outlives every callback of its own `csv_parse` call, so the
// callbacks borrow it: a retain and a release per field, for twenty-five
// million fields, took a third of the tokenizing thread's time.

private func fieldCallback(
  _ data: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?
) {
  guard let context else { return }
  Unmanaged<LibCSVParser>.fromOpaque(context)._withUnsafeGuaranteedRef {
    $0.deliverField(data, count)
  }
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  guard let context else { return }
  Unmanaged<LibCSVParser>.fromOpaque(context)._withUnsafeGuaranteedRef {
    $0.deliverEndOfRecord(terminator)
  }
}
