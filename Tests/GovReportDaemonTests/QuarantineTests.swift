import Foundation
import ControlProtocol
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Junk in the inbox: the daemon keeps running, each item is visible with its reason (a job, or a file in
/// `quarantine/` with a sidecar), and a symlink's target is never read.
@Suite struct QuarantineTests {
    @Test func junkNeverStopsTheDaemonAndEachHasAReason() async throws {
        let temporary = try TemporaryDirectory()
        let configuration = DaemonProcess.quickConfiguration + "\nmax_file_size = 64K\n"
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"), configuration: configuration)
        let inbox = daemon.inbox
        var random = SystemRandomNumberGenerator()
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: inbox.appendingPathComponent("random.bin"))
        try Data().write(to: inbox.appendingPathComponent("empty.txt"))
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
            + Array(repeating: 0, count: 200)
        try Data(png).write(to: inbox.appendingPathComponent("picture.png"))
        let secret = temporary.path("secret.txt")
        try Data(Fixture.variant(10)).write(to: secret)
        #expect(symlink(secret.path, inbox.appendingPathComponent("link.txt").path) == 0)
        #expect(symlink("/etc/passwd", inbox.appendingPathComponent("passwd").path) == 0)
        #expect(mkfifo(inbox.appendingPathComponent("pipe").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("folder"), withIntermediateDirectories: false)
        try Data(repeating: 0x41, count: 100 * 1024).write(to: inbox.appendingPathComponent("huge.txt"))
        try Data(Fixture.variant(11)).write(to: inbox.appendingPathComponent("good.txt"))

        let status = try await daemon.waitForStatus("every entry is handled") { status in
            status.jobs.quarantined == 4 && status.jobs.rejected == 3 && status.jobs.stored == 1
        }
        #expect(status.jobs.total == 8)
        daemon.expectRunning()
        // Each visible with its reason, as a person sees it: jobs --json and show.
        let jobs = try await daemon.jobs()
        let byName = Dictionary(jobs.map { ($0.file, $0) }) { first, _ in first }
        for name in ["random.bin", "empty.txt", "picture.png"] {
            let job = try #require(byName[name])
            #expect(job.state == "rejected")
            #expect(!(job.lastError ?? "").isEmpty, "\(name) has no reason")
        }
        for name in ["link.txt", "passwd", "pipe", "huge.txt"] { #expect(byName[name]?.state == "quarantined") }
        #expect(byName["link.txt"]?.lastError?.contains("symbolic link") == true)
        #expect(byName["passwd"]?.lastError?.contains("符号链接") == true)
        #expect(byName["pipe"]?.lastError?.contains("FIFO") == true)
        #expect(byName["huge.txt"]?.lastError?.contains("too large") == true)
        #expect(byName["folder"] == nil)
        #expect(byName["good.txt"]?.state == "stored")
        let pipe = try #require(byName["pipe"])
        let show = try await daemon.ctl(["show", String(pipe.id)])
        #expect(show.stdout.contains("quarantined") && show.stdout.contains("FIFO"), "\(show.stdout)")
        let quarantinedOnly = try await daemon.jobs(state: "quarantined")
        #expect(Set(quarantinedOnly.map(\.file)) == ["link.txt", "passwd", "pipe", "huge.txt"])

        // Nothing of the symlinks' targets was read: their documents are empty and no document holds the target.
        // The stored documents are not shown over the socket, so this reads the database.
        let queue = try daemon.openQueue()
        let secretBytes = Fixture.variant(10)
        for job in jobs {
            let bytes = try #require(try queue.documentBytes(job.sha256))
            #expect(bytes != secretBytes)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("root:"))
            if job.state == "quarantined" { #expect(bytes.isEmpty) }
        }
        // In the export, the rejected files are records with status rejected; good.txt is the only report read.
        let exported = try await daemon.exportedReports()
        #expect(exported.filter { $0["status"] as? String != "rejected" }.compactMap { $0["file"] as? String } == ["good.txt"])

        // Moved to quarantine/ with a sidecar each; the directory stays in the inbox.
        let quarantined = Set(try FileManager.default.contentsOfDirectory(atPath: daemon.quarantine.path))
        for name in ["link.txt", "passwd", "pipe", "huge.txt"] {
            #expect(quarantined.contains(name))
            let sidecar = try String(contentsOf: daemon.quarantine.appendingPathComponent(name + ".reason.txt"), encoding: .utf8)
            #expect(sidecar.contains("原因") && sidecar.contains("Reason"))
        }
        // The symlink was moved as a link, not followed.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: daemon.quarantine.appendingPathComponent("passwd").path)
            == "/etc/passwd")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path) == ["folder"])
        #expect(daemon.logText.components(separatedBy: "a directory in the inbox is left in place").count == 2,
                "the directory is logged once")
    }
}
