import ControlProtocol
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension BusyDaemonTests {
    /// A burst of 20,000 files that overflows inotify's event queue: the rescan after the overflow finds them all.
    @Suite struct InboxOverflowTests {
        @Test func aBurstThatOverflowsInotifyIsAllAccepted() async throws {
            let temporary = try TemporaryDirectory()
            let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"))
            let count = 20_000
            let staging = temporary.path("staging")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            // Small distinct files the reader turns down at once: this test is about the intake, not parsing.
            for n in 0..<count {
                let path = staging.appendingPathComponent("f\(n).txt").path
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let text = Array("not a report \(n)\n".utf8)
                _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            }
            // Stopped, the daemon's watcher cannot read events, so the kernel's queue (16,384 by default) overflows.
            kill(daemon.pid, SIGSTOP)
            for n in 0..<count {
                rename(staging.appendingPathComponent("f\(n).txt").path, daemon.inbox.appendingPathComponent("f\(n).txt").path)
            }
            kill(daemon.pid, SIGCONT)
            let status = try await daemon.waitForStatus("every file is accepted", timeout: 110) { status in
                try status.jobs.total == count && (FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path)).isEmpty
            }
            let maxQueued = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16_384
            if maxQueued < count {
                #expect(daemon.logText.contains("overflowed"))
            }
            #expect(status.jobs.duplicate == 0)
            daemon.expectRunning()
        }
    }
}
