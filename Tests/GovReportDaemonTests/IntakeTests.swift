import Foundation
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The intake, end to end: files dropped into the running daemon's inbox in the ways people and programs
/// drop them end up stored, and the inbox is emptied.
@Suite struct IntakeTests {
    @Test func filesCopiedAndMovedInAreStored() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        // `cp`: written in place (IN_CLOSE_WRITE).
        try Data(Fixture.variant(1)).write(to: daemon.inbox.appendingPathComponent("copied.txt"))
        // `mv`: renamed in from the same filesystem (IN_MOVED_TO).
        let outside = temporary.path("moved.txt")
        try Data(Fixture.variant(2)).write(to: outside)
        #expect(rename(outside.path, daemon.inbox.appendingPathComponent("moved.txt").path) == 0)

        let queue = try daemon.openQueue()
        try await waitUntil("both files are stored", timeout: 30) { try queue.counts()[.stored] == 2 }
        let jobs = try queue.jobs(in: .stored, limit: 10)
        #expect(Set(jobs.map(\.fileName)) == ["copied.txt", "moved.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).isEmpty)
        let moved = try #require(jobs.first { $0.fileName == "moved.txt" })
        #expect(try queue.documentBytes(moved.sha256) == Fixture.variant(2))
        daemon.expectRunning()
    }

    @Test func aSlowWriterIsReadOnlyWhenComplete() async throws {
        let temporary = try TemporaryDirectory()
        let configuration = DaemonProcess.quickConfiguration.replacingOccurrences(of: "settle_seconds = 300ms",
                                                                                  with: "settle_seconds = 2s")
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"), configuration: configuration)
        let bytes = Fixture.variant(3)
        let path = daemon.inbox.appendingPathComponent("slow.txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        // Pieces every 200 ms for 3 s, from a thread of its own so the pauses stay short on a busy machine:
        // longer than the settle period (2 s) and past scans (every 1 s), but the file changes well within every
        // settle period, so it must not be read before it is closed.
        // The check that nothing was read yet runs on the writer's thread right after the last piece, while the
        // file is still open and has just changed.
        let queue = try daemon.openQueue()
        let outcome = WriterOutcome()
        Thread.detachNewThread {
            let pieces = 15
            let size = (bytes.count + pieces - 1) / pieces
            for piece in 0..<pieces {
                let chunk = Array(bytes[min(bytes.count, piece * size)..<min(bytes.count, (piece + 1) * size)])
                _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if piece < pieces - 1 { Thread.sleep(forTimeInterval: 0.2) }
            }
            outcome.finish(readEarly: (try? queue.jobs(in: nil, limit: 10).isEmpty) != true)
            close(fd)
        }
        try await waitUntil("the writer is done", timeout: 60) { outcome.result != nil }
        #expect(outcome.result == false, "read before the writer was done")
        try await waitUntil("the slow file is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        let job = try #require(try queue.jobs(in: .stored, limit: 1).first)
        #expect(try queue.documentBytes(job.sha256) == bytes)
    }

    @Test func theSameBytesUnderTwoNamesAreStoredOnce() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let queue = try daemon.openQueue()
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("first.txt"))
        try await waitUntil("the first copy is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("second.txt"))
        try await waitUntil("the second copy is seen", timeout: 30) { try queue.counts()[.duplicate] == 1 }
        let duplicate = try #require(try queue.jobs(in: .duplicate, limit: 1).first)
        let first = try #require(try queue.jobs(in: .stored, limit: 1).first)
        #expect(duplicate.fileName == "second.txt")
        #expect(duplicate.duplicateOf == first.id)
        #expect(try daemon.openStore().reportCounts().all == 1)
    }

    @Test func ignoredNamesStayInTheInbox() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let ignored = [".hidden.txt", "download.part", "copy.tmp", "~$report.docx"]
        for name in ignored { try Data(Fixture.variant(5)).write(to: daemon.inbox.appendingPathComponent(name)) }
        try Data(Fixture.variant(6)).write(to: daemon.inbox.appendingPathComponent("real.txt"))
        let queue = try daemon.openQueue()
        try await waitUntil("the real file is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        try await Task.sleep(for: .milliseconds(1500))  // past a full scan
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path)) == Set(ignored))
        #expect(try queue.jobs(in: nil, limit: 10).map(\.fileName) == ["real.txt"])
    }

    @Test func aPausedIntakeLeavesFilesInTheInbox() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let queue = try daemon.openQueue()
        try queue.setIntakePaused(true)
        try await Task.sleep(for: .milliseconds(1200))  // the intake checks the flag at least once a second
        try Data(Fixture.variant(7)).write(to: daemon.inbox.appendingPathComponent("waiting.txt"))
        try await Task.sleep(for: .milliseconds(1500))
        #expect(FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent("waiting.txt").path))
        #expect(try queue.jobs(in: nil, limit: 10).isEmpty)
        try queue.setIntakePaused(false)
        try await waitUntil("the file is stored after resuming", timeout: 30) { try queue.counts()[.stored] == 1 }
        daemon.expectRunning()
    }
}

/// What the slow writer saw: nil until it is done, then whether the daemon had read the file too early.
private final class WriterOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var readEarly: Bool?

    func finish(readEarly: Bool) { lock.withLock { self.readEarly = readEarly } }
    var result: Bool? { lock.withLock { readEarly } }
}
