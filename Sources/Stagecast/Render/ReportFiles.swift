import Foundation

/// One output file, rendered in memory before anything is written.
public struct ReportFile: Sendable {
  public var name: String
  public var text: String
}

/// Renders every output of `stagecast report`.
public enum ReportRenderer {
  /// `report.md`, `report.html`, `summary.json` and the CSV tables, in a fixed order.
  public static func render(_ context: ReportContext) -> [ReportFile] {
    var files = [
      ReportFile(name: "report.md", text: MarkdownReport.render(context)),
      ReportFile(name: "report.html", text: HTMLReport.render(context)),
      ReportFile(name: "summary.json", text: JSONWriter.text(SummaryDocument.build(context))),
    ]
    for (name, text) in CSVTables.build(context) {
      files.append(ReportFile(name: name, text: text))
    }
    return files
  }
}

/// A report folder that could not be written.
public struct ReportWriteError: Error, Sendable {
  public var path: String
  public var reason: String
}

/// Writes report files so that a failed run never leaves a half-written report.
public enum ReportWriter {
  /// Writes each file to a hidden temporary name in `directory`, then renames
  /// them all into place; on any failure the temporary files are removed and
  /// the previous report stays as it was.
  /// - Throws: `ReportWriteError` naming the path that failed.
  public static func write(_ files: [ReportFile], to directory: String) throws {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ReportWriteError(path: directory, reason: systemReason(error))
    }

    let token = "\(ProcessInfo.processInfo.processIdentifier)"
    var written: [(temporary: String, final: String)] = []
    do {
      for file in files {
        let final = (directory as NSString).appendingPathComponent(file.name)
        let temporary = (directory as NSString).appendingPathComponent(".\(file.name).\(token).tmp")
        guard manager.createFile(atPath: temporary, contents: Data(file.text.utf8)) else {
          throw ReportWriteError(path: temporary, reason: "could not create the file")
        }
        written.append((temporary, final))
      }
      for (temporary, final) in written {
        // rename(2) replaces the old file in one step on the same file system.
        guard rename(temporary, final) == 0 else {
          throw ReportWriteError(path: final, reason: String(cString: strerror(errno)))
        }
      }
    } catch {
      for (temporary, _) in written { try? manager.removeItem(atPath: temporary) }
      if let failure = error as? ReportWriteError { throw failure }
      throw ReportWriteError(path: directory, reason: systemReason(error))
    }
  }

  /// The operating system's own words for a Foundation file error
  /// ("Permission denied"), not Foundation's domain and code.
  private static func systemReason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
