import Foundation
import Testing

/// Runs the built `govreportctl` binary as a child process, as a person or a script would.
enum GovReportCtlProcess {
    /// What one run printed and how it ended.
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    struct TimedOut: Error {}

    /// The products directory (`.build/debug`) holds this test target's resource bundle and the executables.
    static let executable = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("govreportctl")

    /// A file from `Tests/GovReportCtlTests/Fixtures`, as copied into the resource bundle.
    static func fixture(_ name: String) throws -> URL {
        let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try #require(url.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil },
                            "fixture \(name) is not in the test bundle")
    }

    /// Runs `govreportctl ARGUMENTS…` with stdout and stderr captured in files (never a terminal).
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> Result {
        try run(executable, arguments, environment: environment, timeout: timeout)
    }

    /// Runs any program, as `run(_:environment:timeout:)` runs govreportctl.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> Result {
        try withTemporaryDirectory { dir in
            let outURL = dir.appendingPathComponent("stdout")
            let errURL = dir.appendingPathComponent("stderr")
            try Data().write(to: outURL)
            try Data().write(to: errURL)
            let out = try FileHandle(forWritingTo: outURL)
            let err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }

            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                throw TimedOut()
            }
            process.waitUntilExit()
            return Result(
                exitCode: process.terminationStatus,
                stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
            )
        }
    }
}

/// Calls `body` with a new empty directory and removes the directory afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govreportctl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}
