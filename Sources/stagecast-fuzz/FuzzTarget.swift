// A libFuzzer target over the whole import and report pipeline. Build and
// run it as CONTRIBUTING.md shows (`make fuzz`); an ordinary build prints how.

#if FUZZING
  import Foundation
  import Stagecast

  /// One scratch file per process: the importer reads files, never memory.
  let scratch = NSTemporaryDirectory() + "stagecast-fuzz-\(getpid()).csv"
  /// The default configuration with a short simulation: the range's draws
  /// depend on no input byte, and ten thousand runs per input would slow the search.
  // swift-format-ignore: NeverUseForceTry
  let configuration = try! ConfigurationLoader.load(
    userJSON: Array(#"{"forecast": {"simulations": 10}}"#.utf8), file: "fuzz")

  /// Feeds one input to the importer, as an export and as a history.
  ///
  /// The export goes on to the analysis; any crash, trap or sanitizer report
  /// is a finding, while import errors are expected. Rendering is left to the unit tests,
  /// because it would slow each run tenfold without reaching more of the importer.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let file = fopen(scratch, "wb") else { return 0 }
    fwrite(data, 1, size, file)
    fclose(file)

    let job = ReportJob(
      exportPath: scratch, historyPath: scratch, configuration: configuration,
      asOf: Day(daysSinceEpoch: 20_787), language: .zhCN)
    _ = try? job.analyse()
    return 0
  }

  /// libFuzzer's driver, for programs that keep their own `main`.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
  ) -> Int32

  /// The entry point SwiftPM links an executable target to on Linux; it
  /// hands the command line to libFuzzer.
  @_cdecl("stagecast_fuzz_main")
  public func fuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
  }
#else
  /// Without FUZZING the target is an ordinary program that says how to fuzz.
  @main
  struct FuzzNotice {
    static func main() {
      print("stagecast-fuzz: build it with `make fuzz`; see CONTRIBUTING.md.")
    }
  }
#endif
