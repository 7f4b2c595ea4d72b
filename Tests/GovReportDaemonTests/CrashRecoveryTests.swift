import ControlProtocol
import Foundation
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension BusyDaemonTests {
    /// `kill -9` in the middle of a batch, then a restart: nothing lost, nothing doubled, nothing left running.
    @Suite struct CrashRecoveryTests {
        @Test func killedMidBatchEveryFileIsStoredExactlyOnce() async throws {
            let temporary = try TemporaryDirectory()
            let data = temporary.path("data")
            let count = 1000
            let staging = temporary.path("staging")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for n in 0..<count {
                try Data(Fixture.variant(100 + n)).write(to: staging.appendingPathComponent("report-\(n).txt"))
            }
            var daemon: DaemonProcess? = try await DaemonProcess.launch(dataDirectory: data)
            let inbox = try #require(daemon).inbox
            for n in 0..<count {
                #expect(rename(staging.appendingPathComponent("report-\(n).txt").path,
                               inbox.appendingPathComponent("report-\(n).txt").path) == 0)
            }
            let before = try await #require(daemon).waitForStatus("some reports are stored") { $0.jobs.stored >= 50 }
            #expect(try await #require(daemon).stop(signal: SIGKILL) == SIGKILL)
            #expect(before.jobs.stored < count, "the batch was over before the kill")
            daemon = nil

            // What a person sees after the restart, over the socket …
            let restarted = try await DaemonProcess.launch(dataDirectory: data)
            let status = try await restarted.waitForStatus("every file is stored", timeout: 120) { $0.jobs.stored == count }
            #expect(status.jobs.running == 0)
            #expect(status.jobs.queued == 0)
            #expect(status.jobs.duplicate == 0)
            #expect(status.jobs.total == count)
            #expect(status.reports.all == count)
            // … and, for exactly once, every job and report in the database: one job per file, none doubled.
            let queue = try restarted.openQueue()
            let jobs = try queue.jobs(in: nil, limit: 2 * count)
            #expect(jobs.count == count)
            #expect(Set(jobs.map(\.fileName)).count == count)
            #expect(try restarted.openStore().reportCounts().all == count)
            #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
            #expect(try queue.database.integrityCheck() == "ok")
            #expect(try await restarted.stop() == 0)
        }

        @Test func sigtermWhileBusyDrainsExitsZeroAndLosesNothing() async throws {
            let temporary = try TemporaryDirectory()
            let data = temporary.path("data")
            let count = 300
            let staging = temporary.path("staging")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for n in 0..<count {
                try Data(Fixture.variant(5000 + n)).write(to: staging.appendingPathComponent("r\(n).txt"))
            }
            let daemon = try await DaemonProcess.launch(dataDirectory: data)
            for n in 0..<count {
                rename(staging.appendingPathComponent("r\(n).txt").path, daemon.inbox.appendingPathComponent("r\(n).txt").path)
            }
            try await daemon.waitForStatus("some reports are stored") { $0.jobs.stored >= 20 }
            #expect(try await daemon.stop(signal: SIGTERM) == 0)
            #expect(daemon.logText.contains("govreportd stopped"))

            let restarted = try await DaemonProcess.launch(dataDirectory: data)
            let status = try await restarted.waitForStatus("every file is stored", timeout: 120) { $0.jobs.stored == count }
            #expect(status.jobs.total == count)
            #expect(status.jobs.running == 0)
            #expect(status.reports.all == count)
        }
    }
}
