// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "govreport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "govreportctl", targets: ["govreportctl"]),
        .executable(name: "govreportd", targets: ["govreportd"]),
        .library(name: "ReportModel", targets: ["ReportModel"]),
        .library(name: "ReportParsing", targets: ["ReportParsing"]),
        .library(name: "ReportValidation", targets: ["ReportValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Values only: reports, sections, tables, cells, findings and the two national templates.
        .target(name: "ReportModel"),
        // Bytes to report: decoding, text layouts, layout repair, mapping to canonical keys. No I/O.
        .target(
            name: "ReportParsing",
            dependencies: ["ReportModel", "CLibDeflate", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The system libdeflate, which inflates a DOCX's document.xml several times faster than zlib.
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // The edge where converters (pdftotext, antiword, …) run as child processes with limits.
        .target(name: "DocumentConversion", dependencies: ["ReportModel", "ReportParsing"]),
        // Report (and last year's) to findings. No I/O.
        .target(name: "ReportValidation", dependencies: ["ReportModel"]),
        // The system SQLite library (libsqlite3), for ReportStore.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // SQLite: schema, migrations, job queue, reports, cells, findings, exports. All SQL lives here.
        .target(name: "ReportStore", dependencies: ["ReportModel", "ReportValidation", "CSQLite"]),
        .testTarget(name: "ReportStoreTests", dependencies: ["ReportModel", "ReportValidation", "ReportStore"]),
        // Stores reports in a loop until killed; ReportStoreTests SIGKILLs it to check crash safety.
        .executableTarget(name: "govreport-store-crashtest", dependencies: ["ReportModel", "ReportStore"]),
        // Release-build store throughput (`swift run -c release govreport-store-bench <seed file>`).
        .executableTarget(name: "govreport-store-bench", dependencies: ["ReportModel", "ReportStore"]),
        // Workbooks people open in Excel or WPS: reports laid out like the official tables, written as XLSX.
        .target(
            name: "ReportExport",
            dependencies: ["ReportModel", "ReportStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "ReportExportTests", dependencies: ["ReportModel", "ReportStore", "ReportExport"]),
        // Control socket requests and responses, protocol version, JSON-lines framing; daemon and client share it.
        .target(name: "ControlProtocol", dependencies: ["ReportModel"]),
        // The daemon's parts: configuration, inbox intake, workers, control server, systemd notify.
        .target(
            name: "GovReportDaemon",
            dependencies: [
                "ReportModel", "ReportParsing", "ReportValidation", "ReportStore", "DocumentConversion",
                "ControlProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "govreportd",
            dependencies: [
                "GovReportDaemon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "govreportctl",
            dependencies: [
                "ReportModel", "ReportParsing", "ReportValidation", "DocumentConversion", "ControlProtocol", "ReportExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // End-to-end daemon measurements against the store bar (`scripts/bench-daemon.sh`).
        .executableTarget(name: "govreportd-bench", dependencies: ["ReportStore"]),
        // Release-build throughput and memory measurements (`swift run -c release govreport-bench`).
        .executableTarget(
            name: "govreport-bench",
            dependencies: [
                "ReportModel", "ReportParsing", "ReportValidation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build throughput of the DOCX reader and the PDF converter (`swift run -c release govreport-format-bench`).
        .executableTarget(
            name: "govreport-format-bench",
            dependencies: ["ReportModel", "ReportParsing", "ReportValidation", "DocumentConversion"]
        ),
        .testTarget(
            name: "ReportModelTests",
            dependencies: ["ReportModel"]
        ),
        .testTarget(
            name: "ReportParsingTests",
            dependencies: ["ReportModel", "ReportParsing", "ReportValidation", "DocumentConversion"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ReportValidationTests",
            dependencies: ["ReportModel", "ReportValidation"]
        ),
        .testTarget(
            name: "GovReportDaemonTests",
            dependencies: [
                "ReportModel", "ReportParsing", "ReportValidation", "ReportStore", "ControlProtocol", "GovReportDaemon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // The systemd units and scripts/install.sh, checked with systemd's tools; runs the built binaries.
        .testTarget(name: "DeploymentTests", exclude: ["unit_sandbox.py"]),
        .testTarget(
            name: "GovReportCtlTests",
            dependencies: ["ReportModel"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // https://github.com/apple/swift-evolution/blob/main/proposals/0335-existential-any.md
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    // Not for the daemon: with Foundation and Glibc both imported, this toolchain attributes Glibc's structs
    // (stat, timespec) to CoreFoundation and rejects their members, differently in debug and release builds.
    if !["GovReportDaemon", "GovReportDaemonTests"].contains(target.name) {
        settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    }
    target.swiftSettings = settings
}
