import Foundation
import Testing

/// Runs the built `govreportctl` binary as a child process against a test server, as a person or script
/// would — optionally as another user through `setpriv`.
enum ControlCtlProcess {
    /// What one run printed and how it ended.
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    struct TimedOut: Error {}

    /// The products directory (`.build/debug`) holds this test target's resource bundle and the executables.
    static let executable = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("govreportctl")

    /// Runs `govreportctl ARGUMENTS…` (with `TZ=UTC`), off the cooperative pool.
    /// - Parameter user: `setpriv` options (`--reuid=65534`, …) to run it as another user, or nil.
    static func run(_ arguments: [String], user: [String]? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 60) async throws -> Result {
        let (program, all) = user.map { (URL(fileURLWithPath: "/usr/bin/setpriv"), $0 + [executable.path] + arguments) }
            ?? (executable, arguments)
        return try await offPool { try runBlocking(program, all, environment: environment, timeout: timeout) }
    }

    /// Runs `govreportctl ARGUMENTS…` until what it printed satisfies `enough` (then stops it with SIGTERM) or it
    /// ends by itself; for commands that run until stopped, such as `watch`.
    static func run(_ arguments: [String], timeout: TimeInterval = 60,
                    until enough: @escaping @Sendable (String) -> Bool) async throws -> Result {
        try await offPool { try runBlocking(executable, arguments, environment: [:], timeout: timeout, until: enough) }
    }

    /// Runs `govreportctl ARGUMENTS…` on the calling thread (for tests that check something from a thread of
    /// their own).
    static func runOnThisThread(_ arguments: [String], timeout: TimeInterval = 60) throws -> Result {
        try runBlocking(executable, arguments, environment: [:], timeout: timeout)
    }

    private static func runBlocking(_ program: URL, _ arguments: [String], environment: [String: String],
                                    timeout: TimeInterval, until enough: ((String) -> Bool)? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grc-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
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
        process.executableURL = program
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["TZ"] = "UTC"
        variables["GOVREPORT_SOCKET"] = nil
        process.environment = variables.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            if let enough, enough(String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)) {
                // SIGKILL: a child of the test process may inherit a signal mask that blocks SIGTERM.
                kill(process.processIdentifier, SIGKILL)
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        if process.isRunning && Date() >= deadline {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TimedOut()
        }
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
