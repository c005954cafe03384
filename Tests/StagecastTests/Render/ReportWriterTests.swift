import Foundation
import Testing

@testable import Stagecast

struct ReportWriterTests {
  @Test func failedMoveRestoresEveryFile() throws {
    let directory = try TemporaryDirectory()
    let old = ["a.txt", "b.txt", "c.txt"].map { ReportFile(name: $0, text: "old \($0)\n") }
    try ReportWriter.write(old, to: directory.path)

    // The third move into place fails: the two files already moved must go back.
    var moves = 0
    let new = ["a.txt", "b.txt", "c.txt"].map { ReportFile(name: $0, text: "new \($0)\n") }
    #expect(throws: ReportWriteError.self) {
      try ReportWriter.write(new, to: directory.path) { from, to in
        if from.hasSuffix(".tmp") { moves += 1 }
        return moves == 3 && from.hasSuffix(".tmp") ? -1 : rename(from, to)
      }
    }

    for name in ["a.txt", "b.txt", "c.txt"] {
      #expect(
        try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8) == "old \(name)\n")
    }
    let hidden = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix(".")
    }
    #expect(hidden.isEmpty)
  }

  @Test func fileInTheWayOfFolderNamesIt() throws {
    let directory = try TemporaryDirectory()
    let blocker = try directory.write("blocker", "x")
    #expect {
      try ReportWriter.write([ReportFile(name: "a.txt", text: "")], to: blocker + "/sub")
    } throws: { error in
      guard let failure = error as? ReportWriteError else { return false }
      return failure.path == blocker + "/sub"
        && failure.reason == String(cString: strerror(ENOTDIR))
    }
  }
}
