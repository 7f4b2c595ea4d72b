import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The `govreportd` command itself: checking a configuration, one daemon per data directory, clean exit.
@Suite struct GovReportDTests {
    /// Runs `govreportd ARGUMENTS…` to its end; returns the exit status and what it printed.
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let temporary = try TemporaryDirectory()
        let outURL = temporary.path("out")
        try Data().write(to: outURL)
        let out = try FileHandle(forWritingTo: outURL)
        let process = Process()
        process.executableURL = DaemonProcess.executable
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        try out.close()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8))
    }

    @Test func checkConfigAcceptsTheShippedFile() async throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("etc/govreport/govreportd.conf")
        let result = try run(["--config", source.path, "--check-config"])
        #expect(result.status == 0)
        #expect(result.output.contains("configuration OK"))
    }

    @Test func checkConfigNamesTheBadLine() async throws {
        let temporary = try TemporaryDirectory()
        let file = temporary.path("bad.conf")
        try Data("# comment\nworkers = 2\n\nsettle_secs = 3\n".utf8).write(to: file)
        let result = try run(["--config", file.path, "--check-config"])
        #expect(result.status == 1)
        #expect(result.output.contains("bad.conf:4: unknown setting 'settle_secs'"))

        try Data("workers = many\n".utf8).write(to: file)
        let badValue = try run(["--config", file.path, "--check-config"])
        #expect(badValue.status == 1)
        #expect(badValue.output.contains("bad.conf:1: workers"))
    }

    @Test func aSecondDaemonOnTheSameDataIsRefused() async throws {
        let temporary = try TemporaryDirectory()
        let first = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let second = try run(["--data-dir", temporary.path("data").path])
        #expect(second.status == 1)
        #expect(second.output.contains("already running"))
        #expect(second.output.contains("pid \(first.pid)"))
        first.expectRunning()
    }

    @Test func sigtermStopsWithStatusZero() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        #expect(try await daemon.stop(signal: SIGTERM) == 0)
        #expect(daemon.logText.contains("govreportd stopped"))
    }

    @Test func sighupReloadsTheFileAndKeepsTheOldSettingsWhenItIsBad() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let file = try #require(daemon.configurationURL)
        try Data((DaemonProcess.quickConfiguration.replacingOccurrences(of: "log_level = info", with: "log_level = debug")).utf8)
            .write(to: file)
        kill(daemon.pid, SIGHUP)
        try await waitUntil("the file is reloaded", timeout: 20) { daemon.logText.contains("configuration reloaded") }
        #expect(daemon.logText.contains("log_level=debug"))

        try Data("log_level = loud\n".utf8).write(to: file)
        kill(daemon.pid, SIGHUP)
        try await waitUntil("the bad file is refused", timeout: 20) { daemon.logText.contains("configuration not reloaded") }
        #expect(daemon.logText.contains(":1: log_level"))
        daemon.expectRunning()
    }

    @Test func sigintStopsWithStatusZero() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        #expect(try await daemon.stop(signal: SIGINT) == 0)
    }
}
