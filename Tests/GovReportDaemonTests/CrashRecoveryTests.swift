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
            let queue = try #require(daemon).openQueue()
            try await waitUntil("some reports are stored", timeout: 60) { (try queue.counts()[.stored] ?? 0) >= 50 }
            let before = try queue.counts()
            #expect(try await #require(daemon).stop(signal: SIGKILL) == SIGKILL)
            #expect((before[.stored] ?? 0) < count, "the batch was over before the kill")
            daemon = nil

            let restarted = try await DaemonProcess.launch(dataDirectory: data)
            try await waitUntil("every file is stored", timeout: 120) { try queue.counts()[.stored] == count }
            let counts = try queue.counts()
            #expect(counts[.running] == 0)
            #expect(counts[.queued] == 0)
            #expect(counts[.duplicate] == 0)
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
            let queue = try daemon.openQueue()
            try await waitUntil("some reports are stored", timeout: 60) { (try queue.counts()[.stored] ?? 0) >= 20 }
            #expect(try await daemon.stop(signal: SIGTERM) == 0)
            #expect(daemon.logText.contains("govreportd stopped"))

            let restarted = try await DaemonProcess.launch(dataDirectory: data)
            try await waitUntil("every file is stored", timeout: 120) { try queue.counts()[.stored] == count }
            #expect(try queue.jobs(in: nil, limit: 2 * count).count == count)
            #expect(try restarted.openStore().reportCounts().all == count)
        }
    }
}
