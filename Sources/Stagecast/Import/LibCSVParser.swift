import CKernels
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

/// A streaming CSV tokenizer over libcsv (`csv_parse`, `csv_fini`).
///
/// `CSV_REPALL_NL` reports every unquoted CR and LF, so physical lines can be
/// counted, blank ones included. Strict mode is off: a stray quote inside an
/// unquoted field stays text instead of stopping the whole file. Because
/// libcsv's `CSV_STRICT_FINI` only works in strict mode, `finish()` checks the
/// parser state itself for a quoted field left open at the end.
final class LibCSVParser {
  private var parser = csv_parser()
  private let collector: UnsafeMutablePointer<stagecast_collector>

  /// A parser that hands each field and record end to `collector`, which
  /// must outlive it.
  init(delimiter: UInt8, collector: UnsafeMutablePointer<stagecast_collector>) throws {
    self.collector = collector
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
    let consumed = csv_parse(
      &parser, base, bytes.count, stagecast_collect_field, stagecast_collect_end_of_record,
      collector)
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
    let status = csv_fini(
      &parser, stagecast_collect_field, stagecast_collect_end_of_record, collector)
    guard status == 0 else { throw LibCSVStatus(rawValue: status) ?? .invalid }
  }
}
