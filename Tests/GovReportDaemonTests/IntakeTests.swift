import ControlProtocol
import ReportStore
import Foundation
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

        try await daemon.waitForStatus("both files are stored") { $0.jobs.stored == 2 }
        let jobs = try await daemon.jobs(state: "stored")
        #expect(Set(jobs.map(\.file)) == ["copied.txt", "moved.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).isEmpty)
        // The stored bytes themselves are not shown over the socket: read them from the database.
        let moved = try #require(jobs.first { $0.file == "moved.txt" })
        #expect(try daemon.openQueue().documentBytes(moved.sha256) == Fixture.variant(2))
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
        let socket = daemon.socketPath
        let outcome = WriterOutcome()
        Thread.detachNewThread {
            let pieces = 15
            let size = (bytes.count + pieces - 1) / pieces
            for piece in 0..<pieces {
                let chunk = Array(bytes[min(bytes.count, piece * size)..<min(bytes.count, (piece + 1) * size)])
                _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if piece < pieces - 1 { Thread.sleep(forTimeInterval: 0.2) }
            }
            let jobs = try? ControlCtlProcess.runOnThisThread(["--socket", socket, "jobs", "--json"])
            let listed = jobs.flatMap { try? ControlJSON.decoder.decode(JobsResult.self, from: Data($0.stdout.utf8)) }
            outcome.finish(readEarly: listed?.jobs.isEmpty != true)
            close(fd)
        }
        try await waitUntil("the writer is done", timeout: 60) { outcome.result != nil }
        #expect(outcome.result == false, "read before the writer was done")
        try await daemon.waitForStatus("the slow file is stored") { $0.jobs.stored == 1 }
        let job = try #require(try await daemon.jobs(state: "stored").first)
        #expect(try daemon.openQueue().documentBytes(job.sha256) == bytes, "the whole file was read")
    }

    @Test func theSameBytesUnderTwoNamesAreStoredOnce() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("first.txt"))
        try await daemon.waitForStatus("the first copy is stored") { $0.jobs.stored == 1 }
        try Data(Fixture.variant(4)).write(to: daemon.inbox.appendingPathComponent("second.txt"))
        let status = try await daemon.waitForStatus("the second copy is seen") { $0.jobs.duplicate == 1 }
        #expect(status.reports.all == 1)
        let duplicate = try #require(try await daemon.jobs(state: "duplicate").first)
        let first = try #require(try await daemon.jobs(state: "stored").first)
        #expect(duplicate.file == "second.txt")
        #expect(duplicate.duplicateOf == first.id)
        let show = try await daemon.ctl(["show", String(duplicate.id)])
        #expect(show.stdout.contains("duplicate"), "\(show.stdout)")
    }

    @Test func ignoredNamesStayInTheInbox() async throws {
        let temporary = try TemporaryDirectory()
        let data = temporary.path("data")
        // Some are there before the start (found by the first scan), the others arrive later (inotify).
        let early = [".hidden.txt", "download.part"]
        let late = ["copy.tmp", "~$report.docx"]
        let inbox = data.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for name in early { try Data(Fixture.variant(5)).write(to: inbox.appendingPathComponent(name)) }
        let daemon = try await DaemonProcess.launch(dataDirectory: data)
        for name in late { try Data(Fixture.variant(5)).write(to: inbox.appendingPathComponent(name)) }
        try Data(Fixture.variant(6)).write(to: inbox.appendingPathComponent("real.txt"))
        try await daemon.waitForStatus("the real file is stored") { $0.jobs.stored == 1 }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: inbox.path)) == Set(early + late))
        #expect(try await daemon.jobs().map(\.file) == ["real.txt"])
    }

    @Test func aPausedIntakeLeavesFilesInTheInbox() async throws {
        let temporary = try TemporaryDirectory()
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
        let pause = try await daemon.ctl(["pause"])
        #expect(pause.exitCode == 0, "\(pause.stderr)")
        #expect(try await daemon.status().intakePaused)
        try await waitUntil("the intake sees the pause", timeout: 30) { daemon.logText.contains("intake paused") }
        let waiting = daemon.inbox.appendingPathComponent("waiting.txt")
        try Data(Fixture.variant(7)).write(to: waiting)
        // Not a wait for something to happen: the file must stay for longer than the settle period and a scan.
        try await expectThroughout("the file stays in the inbox", seconds: 1.5) {
            FileManager.default.fileExists(atPath: waiting.path)
        }
        #expect(try await daemon.jobs().isEmpty)
        #expect(try await daemon.ctl(["resume"]).exitCode == 0)
        try await daemon.waitForStatus("the file is stored after resuming") { $0.jobs.stored == 1 && !$0.intakePaused }
        daemon.expectRunning()
    }
}

/// Checks `condition` every 50 ms for `seconds` and fails at once when it does not hold: for what must stay
/// true over a period (a file left alone), where there is no event to wait for.
func expectThroughout(_ what: String, seconds: TimeInterval, _ condition: () throws -> Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        guard try condition() else {
            Issue.record("\(what): no longer true", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// What the slow writer saw: nil until it is done, then whether the daemon had read the file too early.
private final class WriterOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var readEarly: Bool?

    func finish(readEarly: Bool) { lock.withLock { self.readEarly = readEarly } }
    var result: Bool? { lock.withLock { readEarly } }
}
