// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "KhoDuLieu",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "KhoCore", targets: ["KhoCore"]),
        .executable(name: "kdl-extract", targets: ["kdl-extract"]),
        .executable(name: "kdl-validate", targets: ["kdl-validate"]),
        .executable(name: "kdl-normalize", targets: ["kdl-normalize"]),
        .executable(name: "kdl-bundle", targets: ["kdl-bundle"]),
        .executable(name: "kdl-run", targets: ["kdl-run"]),
        .executable(name: "kdl-report", targets: ["kdl-report"]),
        .executable(name: "kdl-publish", targets: ["kdl-publish"]),
    ],
    targets: [
        // MARK: System libraries: shims only, no Swift.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: C of our own, for what Swift cannot make fast: the deflate encoder and SHA-256 with
        // the CPU's SHA extensions. Optimized in every configuration, so debug tests and fuzzing
        // run at a realistic speed.
        .target(name: "CKhoDeflate", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "CKhoSHA256", cSettings: [.unsafeFlags(["-O2"])]),

        // MARK: The only Swift that touches C: safe wrappers around libxml2, zlib and our C targets.
        .target(name: "KhoNative", dependencies: ["CLibXML2", "CZlib", "CKhoDeflate", "CKhoSHA256"]),

        // MARK: The library: read, check, normalize, write, and the stages.
        // Release builds skip the run-time exclusivity checks: with them, a 100k-row kdl-run takes
        // 13.08 G instructions instead of 10.57 G (callgrind) and 1M rows 1.2× the CPU (alternating
        // pairs). Debug builds (`swift test`) keep them, so a violation still fails a test.
        .target(name: "KhoCore", dependencies: ["KhoNative"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),

        // MARK: Stage commands: parse flags, call KhoCore, map the outcome to an exit code.
        .executableTarget(name: "kdl-extract", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-validate", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-normalize", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-bundle", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-run", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-report", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-publish", dependencies: ["KhoCore"]),

        // MARK: Benchmark: kept apart from the stage commands.
        .executableTarget(name: "kdl-bench", dependencies: ["KhoCore", "KhoNative"], path: "Benchmarks/kdl-bench"),

        // MARK: Fuzz targets: libFuzzer entry points over the readers and the deflate encoder (scripts/fuzz),
        // replay drivers otherwise.
        .target(name: "KhoFuzzSupport", dependencies: ["KhoCore"]),
        .executableTarget(name: "kdl-fuzz-csv", dependencies: ["KhoCore", "KhoFuzzSupport"]),
        .executableTarget(name: "kdl-fuzz-xml", dependencies: ["KhoCore", "KhoFuzzSupport"]),
        .executableTarget(name: "kdl-fuzz-xlsx", dependencies: ["KhoCore", "KhoFuzzSupport"]),
        .executableTarget(name: "kdl-fuzz-deflate", dependencies: ["KhoCore", "KhoFuzzSupport", "KhoNative"]),

        // MARK: Tests
        .testTarget(
            name: "KhoCoreTests",
            dependencies: ["KhoCore", "KhoNative"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["KhoCore", "kdl-extract", "kdl-validate", "kdl-normalize", "kdl-bundle", "kdl-run", "kdl-report", "kdl-publish"]
        ),
        .testTarget(name: "BenchTests", dependencies: ["kdl-bench"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds on Linux carry the Swift runtime and Foundation inside each program: loading and
// binding them as shared libraries took a fixed ~8 ms of every run (a 1 000-row night, 56 → 48 ms),
// and the programs need only the system's libxml2, zlib and libstdc++ where they run. The price is
// size (kdl-run 19 → 90 MB) and a linker warning about `mktemp` from Foundation's static library.
// Every Swift module is compiled for it too, so that Foundation's own dependencies link in with it.
//
// The programs are linked at a fixed address (`-no-pie`): as position-independent executables the
// loader first patched 78 844 relocations of the runtime's and Foundation's metadata, 1.8 ms of
// every start (`kdl-run --version`: 7.4 → 5.6 ms).
for target in package.targets where target.type != .system && !target.name.hasPrefix("CKho") {
    let release = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-static-stdlib"], release)]
    if target.type == .executable {
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], release)]
    } else if target.type == .test {
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-static-stdlib"], release)]
    }
}
