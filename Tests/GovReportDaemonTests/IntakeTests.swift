import Foundation
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The intake, end to end: files dropped into the running daemon's inbox in the ways people and programs
/// drop them end up stored, and the inbox is emptied.
@Suite struct IntakeTests {
    @Test func filesCopiedAndMovedInAreStored() throws {
        let temporary = try TemporaryDirectory()
        let daemon = try DaemonProcess(dataDirectory: temporary.path("data"))
        // `cp`: written in place (IN_CLOSE_WRITE).
        try Data(Fixture.variant(1)).write(to: daemon.inbox.appendingPathComponent("copied.txt"))
        // `mv`: renamed in from the same filesystem (IN_MOVED_TO).
        let outside = temporary.path("moved.txt")
        try Data(Fixture.variant(2)).write(to: outside)
        #expect(rename(outside.path, daemon.inbox.appendingPathComponent("moved.txt").path) == 0)

        let queue = try daemon.openQueue()
        try waitUntil("both files are stored", timeout: 30) { try queue.counts()[.stored] == 2 }
        let jobs = try queue.jobs(in: .stored, limit: 10)
        #expect(Set(jobs.map(\.fileName)) == ["copied.txt", "moved.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).isEmpty)
        let moved = try #require(jobs.first { $0.fileName == "moved.txt" })
        #expect(try queue.documentBytes(moved.sha256) == Fixture.variant(2))
        daemon.expectRunning()
    }

    @Test func aSlowWriterIsReadOnlyWhenComplete() throws {
        let temporary = try TemporaryDirectory()
        let daemon = try DaemonProcess(dataDirectory: temporary.path("data"))
        let bytes = Fixture.variant(3)
        let path = daemon.inbox.appendingPathComponent("slow.txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        // Pieces every 250 ms for 2 s: longer than the settle period (300 ms) and past scans (every 1 s), but the
        // file changes within every settle period, so it must not be read before it is closed.
        let pieces = 8
        let size = (bytes.count + pieces - 1) / pieces
        for piece in 0..<pieces {
            let chunk = Array(bytes[min(bytes.count, piece * size)..<min(bytes.count, (piece + 1) * size)])
            _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let queue = try daemon.openQueue()
        #expect(try queue.jobs(in: nil, limit: 10).isEmpty, "read before the writer was done")
        close(fd)
        try waitUntil("the slow file is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        let job = try #require(try queue.jobs(in: .stored, limit: 1).first)
        #expect(try queue.documentBytes(job.sha256) == bytes)
    }

    @Test func theSameBytesUnderTwoNamesAreStoredOnce() throws {
        let temporary = try TemporaryDirectory()
        let daemon = try DaemonProcess(dataDirectory: temporary.path("data"))
        let queue = try daemon.openQueue()
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("first.txt"))
        try waitUntil("the first copy is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("second.txt"))
        try waitUntil("the second copy is seen", timeout: 30) { try queue.counts()[.duplicate] == 1 }
        let duplicate = try #require(try queue.jobs(in: .duplicate, limit: 1).first)
        let first = try #require(try queue.jobs(in: .stored, limit: 1).first)
        #expect(duplicate.fileName == "second.txt")
        #expect(duplicate.duplicateOf == first.id)
        #expect(try daemon.openStore().reportCounts().all == 1)
    }

    @Test func ignoredNamesStayInTheInbox() throws {
        let temporary = try TemporaryDirectory()
        let daemon = try DaemonProcess(dataDirectory: temporary.path("data"))
        let ignored = [".hidden.txt", "download.part", "copy.tmp", "~$report.docx"]
        for name in ignored { try Data(Fixture.variant(5)).write(to: daemon.inbox.appendingPathComponent(name)) }
        try Data(Fixture.variant(6)).write(to: daemon.inbox.appendingPathComponent("real.txt"))
        let queue = try daemon.openQueue()
        try waitUntil("the real file is stored", timeout: 30) { try queue.counts()[.stored] == 1 }
        Thread.sleep(forTimeInterval: 1.5)  // past a full scan
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path)) == Set(ignored))
        #expect(try queue.jobs(in: nil, limit: 10).map(\.fileName) == ["real.txt"])
    }

    @Test func aPausedIntakeLeavesFilesInTheInbox() throws {
        let temporary = try TemporaryDirectory()
        let daemon = try DaemonProcess(dataDirectory: temporary.path("data"))
        let queue = try daemon.openQueue()
        try queue.setIntakePaused(true)
        Thread.sleep(forTimeInterval: 1.2)  // the intake checks the flag at least once a second
        try Data(Fixture.variant(7)).write(to: daemon.inbox.appendingPathComponent("waiting.txt"))
        Thread.sleep(forTimeInterval: 1.5)
        #expect(FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent("waiting.txt").path))
        #expect(try queue.jobs(in: nil, limit: 10).isEmpty)
        try queue.setIntakePaused(false)
        try waitUntil("the file is stored after resuming", timeout: 30) { try queue.counts()[.stored] == 1 }
        daemon.expectRunning()
    }
}
