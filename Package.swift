// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "stagecast",
  products: [
    .executable(name: "stagecast", targets: ["stagecast"]),
    .library(name: "Stagecast", targets: ["Stagecast"]),
  ],
  targets: [
    // libcsv ships no pkg-config file, so the module map links it by name.
    .systemLibrary(
      name: "CLibCSV",
      providers: [.apt(["libcsv-dev"])]
    ),
    // The snapshot archive: one SQLite file of monthly exports.
    .systemLibrary(
      name: "CSQLite",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // What Swift cannot express: a cache prefetch hint, and the range's
    // draw loop with 64-bit vector multiplies chosen at run time.
    .target(name: "CKernels"),
    .target(name: "Stagecast", dependencies: ["CLibCSV", "CSQLite", "CKernels"]),
    .executableTarget(name: "stagecast", dependencies: ["Stagecast"]),
    // Times the import and each analysis step apart (`make bench-steps`).
    .executableTarget(name: "stagecast-bench", dependencies: ["Stagecast"]),
    // libFuzzer entry point; a plain build only prints how to build it for fuzzing.
    .executableTarget(name: "stagecast-fuzz", dependencies: ["Stagecast"]),
    .testTarget(
      name: "StagecastTests",
      dependencies: ["Stagecast"],
      // Inline fixtures are not enough for whole-report snapshots and the
      // committed reference figures, so those files are copied as resources.
      resources: [.copy("Fixtures")]
    ),
  ]
)
