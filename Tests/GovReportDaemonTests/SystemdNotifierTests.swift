import Foundation
import GovReportDaemon
import ReportStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket.
final class NotifyListener {
    let fd: Int32
    let address: String

    /// Binds to `path`, or to an abstract name when it starts with `@`.
    init(_ address: String) throws {
        self.address = address
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var bytes = Array(address.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        var sockaddr = sockaddr_un()
        sockaddr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &sockaddr.sun_path) { $0.copyBytes(from: bytes) }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        let length = socklen_t(offset + bytes.count + (bytes.first == 0 ? 0 : 1))
        let bound = withUnsafePointer(to: &sockaddr) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        try #require(bound == 0, "bind \(address): \(String(cString: strerror(errno)))")
    }

    deinit { close(fd) }

    /// The next message, or nil after `timeout` seconds.
    func receive(timeout: TimeInterval) -> String? {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }

    /// Messages until one contains `text`; fails after `timeout` seconds.
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let message = receive(timeout: deadline.timeIntervalSinceNow), message.contains(text) { return message }
        }
        throw WaitTimedOut(what: "systemd hears \(text)")
    }
}

@Suite struct SystemdNotifierTests {
    @Test func sendsToAPathAndToAnAbstractName() async throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path("notify").path
        let listener = try NotifyListener(path)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": path]).notify("READY=1"))
        #expect(listener.receive(timeout: 2) == "READY=1")

        let name = "@govreportd-test-\(getpid())-\(UUID().uuidString.prefix(6))"
        let abstract = try NotifyListener(name)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": name]).notify("STATUS=x"))
        #expect(abstract.receive(timeout: 2) == "STATUS=x")
    }

    @Test func doesNothingWithoutNotifySocket() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.notify("READY=1"))
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "200000"]).watchdogInterval == .milliseconds(100))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "\(getpid())"]).watchdogInterval
                == .milliseconds(100))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
    }

    @Test func theDaemonTellsSystemdReadyWatchdogReloadingAndStopping() async throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path("notify").path
        let listener = try NotifyListener(path)
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"),
                                       environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "200000"],
                                       waitUntilReady: false)
        let ready = try listener.waitFor("READY=1")
        #expect(ready.contains("MAINPID=\(daemon.pid)"))
        #expect(ready.contains("STATUS="))
        _ = try listener.waitFor("WATCHDOG=1", timeout: 2)

        kill(daemon.pid, SIGHUP)
        let reloading = try listener.waitFor("RELOADING=1")
        let monotonic = reloading.split(separator: "\n").first { $0.hasPrefix("MONOTONIC_USEC=") }
        #expect(monotonic.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) }.map { $0 > 0 } == true)
        _ = try listener.waitFor("READY=1")
        daemon.expectRunning()

        kill(daemon.pid, SIGTERM)
        _ = try listener.waitFor("STOPPING=1")
        #expect(try await daemon.stop(signal: SIGTERM) == 0)
    }

    @Test func aSchemaUpgradeAtStartAsksSystemdForMoreTimeBeforeReady() async throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path("notify").path
        let listener = try NotifyListener(path)
        let data = temporary.path("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // A file left by a build whose schema stopped one version short of this one.
        let latest = StoreDatabase.schemaVersion
        do {
            let old = try Connection(path: data.appendingPathComponent("govreport.sqlite").path)
            try Migrator().migrate(old, upTo: latest - 1)
        }
        let daemon = try await DaemonProcess.launch(dataDirectory: data, environment: ["NOTIFY_SOCKET": path],
                                                    waitUntilReady: false)
        let upgrading = try listener.waitFor("EXTEND_TIMEOUT_USEC=")
        let extended = upgrading.split(separator: "\n").first { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") }
        #expect(extended.flatMap { UInt64($0.dropFirst("EXTEND_TIMEOUT_USEC=".count)) }.map { $0 >= 600_000_000 } == true)
        #expect(upgrading.contains("STATUS=upgrading the database to schema version \(latest)"))
        _ = try listener.waitFor("READY=1")
        #expect(try daemon.openQueue().database.fileSchemaVersion() == latest)
        #expect(daemon.logText.contains("upgrading the database to schema version \(latest)"))
        #expect(try await daemon.stop(signal: SIGTERM) == 0)
    }
}
