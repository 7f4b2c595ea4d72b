import Foundation
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `govreportd` binary running as a child process on a temporary data directory, as systemd or a
/// person would run it, with its standard error captured in a file.
final class DaemonProcess {
    /// The products directory (`.build/debug`) holds this test target's resource bundle and the executables.
    static let executable = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("govreportd")

    /// Settings that keep the tests quick: a short settle period and frequent scans; one worker, so that the
    /// daemons leave the machine room for the other tests' time limits.
    static let quickConfiguration = """
        # govreportd test settings
        workers = 1
        settle_seconds = 300ms
        scan_interval = 1s
        job_timeout = 30s
        drain_timeout = 5s
        log_level = info
        """

    let dataDirectory: URL
    let process: Process
    let logURL: URL
    /// The configuration file the daemon was started with (nil without one).
    let configurationURL: URL?
    private let log: FileHandle

    var inbox: URL { dataDirectory.appendingPathComponent("inbox") }
    var quarantine: URL { dataDirectory.appendingPathComponent("quarantine") }
    var databasePath: String { dataDirectory.appendingPathComponent("govreport.sqlite").path }
    var pid: Int32 { process.processIdentifier }

    /// Starts `govreportd --config <file with configuration> --data-dir DIR` and waits until it is ready
    /// (unless `waitUntilReady` is false).
    static func launch(dataDirectory: URL, configuration: String? = quickConfiguration, arguments: [String] = [],
                       environment: [String: String] = [:], waitUntilReady: Bool = true) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(dataDirectory: dataDirectory, configuration: configuration, arguments: arguments,
                                       environment: environment)
        if waitUntilReady {
            try await waitUntil("the daemon is ready", timeout: 30) { daemon.logText.contains("] ready") }
        }
        return daemon
    }

    /// Starts the daemon without waiting for it.
    private init(dataDirectory: URL, configuration: String?, arguments: [String], environment: [String: String]) throws {
        self.dataDirectory = dataDirectory
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        logURL = dataDirectory.deletingLastPathComponent()
            .appendingPathComponent("\(dataDirectory.lastPathComponent)-\(UUID().uuidString.prefix(8)).log")
        try Data().write(to: logURL)
        log = try FileHandle(forWritingTo: logURL)
        var allArguments = ["--data-dir", dataDirectory.path] + arguments
        if let configuration {
            let file = dataDirectory.deletingLastPathComponent()
                .appendingPathComponent("\(dataDirectory.lastPathComponent)-\(UUID().uuidString.prefix(8)).conf")
            try Data(configuration.utf8).write(to: file)
            allArguments = ["--config", file.path] + allArguments
            configurationURL = file
        } else {
            configurationURL = nil
        }
        process = Process()
        process.executableURL = Self.executable
        process.arguments = allArguments
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = nil
        env["WATCHDOG_USEC"] = nil
        process.environment = env.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? log.close()
    }

    /// What the daemon logged so far.
    var logText: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 30) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        try await waitUntil("govreportd exits", timeout: timeout) { !self.process.isRunning }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The daemon's queue, opened from the test process (it only reads).
    func openQueue() throws -> SQLiteJobQueue {
        SQLiteJobQueue(database: try StoreDatabase(path: databasePath))
    }

    /// The daemon's stored reports.
    func openStore() throws -> ReportStore {
        ReportStore(database: try StoreDatabase(path: databasePath))
    }

    /// Fails unless the daemon is still running (it did not crash).
    func expectRunning(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(process.isRunning, "govreportd stopped; its log:\n\(logText)", sourceLocation: sourceLocation)
    }
}

/// End-to-end tests that keep a daemon busy for many seconds (crash recovery, the inotify overflow burst):
/// they run one at a time, so that the machine stays usable for other tests' time limits.
@Suite(.serialized) struct BusyDaemonTests {}

/// Why a wait ended without its condition.
struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting until \(what)" }
}

/// Polls `condition` every 20 ms until it holds; throws after `timeout` seconds. Sleeps without holding a
/// thread, so that tests waiting for daemons leave the other tests' tasks room to run.
func waitUntil(_ what: String, timeout: TimeInterval, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return }
        guard Date() < deadline else { throw WaitTimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("govreportd-tests-\(UUID().uuidString.prefix(12))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    func path(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Test inputs: the seed report and variants of it with distinct bytes.
enum Fixture {
    /// The seed report from `Tests/GovReportDaemonTests/Fixtures`.
    static let seed: [UInt8] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent("kunwu-2020.txt")
        return [UInt8](FileManager.default.contents(atPath: url.path) ?? Data())
    }()

    /// The seed with a trailing line numbered `n`: a different SHA-256, the same report.
    static func variant(_ n: Int) -> [UInt8] {
        seed + Array("\n（编号 \(n)）\n".utf8)
    }
}
