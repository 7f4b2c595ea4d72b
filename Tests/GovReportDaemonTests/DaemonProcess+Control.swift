import ControlProtocol
import Foundation
import Testing

/// What a person or script sees of a running daemon: `govreportctl` over the daemon's real control socket.
extension DaemonProcess {
    /// `DIR/govreportd.sock`, where `govreportd --data-dir DIR` listens.
    var socketPath: String { dataDirectory.appendingPathComponent("govreportd.sock").path }

    /// Runs `govreportctl --socket SOCKET ARGUMENTS…`.
    func ctl(_ arguments: [String]) async throws -> ControlCtlProcess.Result {
        try await ControlCtlProcess.run(["--socket", socketPath] + arguments)
    }

    /// `govreportctl status --json`, decoded.
    func status(sourceLocation: SourceLocation = #_sourceLocation) async throws -> StatusResult {
        let run = try await ctl(["status", "--json"])
        #expect(run.exitCode == 0, "status: \(run.stderr)", sourceLocation: sourceLocation)
        return try ControlJSON.decoder.decode(StatusResult.self, from: Data(run.stdout.utf8))
    }

    /// Polls `govreportctl status --json` until `condition` holds for it; throws after `timeout` seconds.
    @discardableResult
    func waitForStatus(_ what: String, timeout: TimeInterval = 60,
                       _ condition: (StatusResult) throws -> Bool) async throws -> StatusResult {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = try? await status(), try condition(status) { return status }
            guard Date() < deadline, process.isRunning else {
                throw WaitTimedOut(what: "\(what) (daemon running: \(process.isRunning))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits until `count` jobs exist and none is queued, running or waiting to retry.
    @discardableResult
    func waitUntilSettled(jobs count: Int, timeout: TimeInterval = 60) async throws -> StatusResult {
        try await waitForStatus("\(count) jobs are handled", timeout: timeout) { status in
            status.jobs.total == count && status.jobs.queued + status.jobs.running + status.jobs.retrying == 0
        }
    }

    /// Every job, newest first, from `govreportctl jobs --json` (up to 1,000, one page).
    func jobs(state: String? = nil) async throws -> [JobSummary] {
        let run = try await ctl(["jobs", "--json", "--limit", "1000"] + (state.map { ["--state", $0] } ?? []))
        #expect(run.exitCode == 0, "jobs: \(run.stderr)")
        return try ControlJSON.decoder.decode(JobsResult.self, from: Data(run.stdout.utf8)).jobs
    }

    /// The current reports from `govreportctl export --format ndjson`, one JSON object per line.
    func exportedReports() async throws -> [[String: Any]] {
        let run = try await ctl(["export", "--format", "ndjson"])
        #expect(run.exitCode == 0, "export: \(run.stderr)")
        return try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}
