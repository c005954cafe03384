import Foundation
import Testing

@testable import Stagecast

/// Strings from the input written into summary.json.
///
/// summary.json carries names from the input. Every string must come out
/// as JSON that a parser reads back to the same text: Foundation's
/// JSONSerialization is the independent reader here.
struct JSONWriterTests {
  @Test(arguments: [
    "plain", "商机名称", "quote \" inside", "back\\slash", "line\nbreak", "tab\tand\rreturn",
    "bell \u{07} and nul \u{00}", "separator \u{2028} and \u{2029}", "em dash — stays", "",
  ])
  func stringsReadBackUnchanged(text: String) throws {
    let written = JSONWriter.text(.object([("name", .string(text))]))
    let parsed = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: String]
    #expect(parsed?["name"] == text)
    // Raw control characters and the JavaScript line separators never reach the file.
    let controls = written.unicodeScalars.filter { $0.value < 0x20 }
    #expect(controls.allSatisfy { $0 == "\n" })
    #expect(!written.contains("\u{2028}"))
    #expect(!written.contains("\u{2029}"))
  }
}
