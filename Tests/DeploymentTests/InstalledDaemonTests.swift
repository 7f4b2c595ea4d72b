import Foundation
import Testing

/// The installed govreportd run the way systemd runs it: under the unit's user, capabilities, system call
/// filter, memory rules and private network, with `NOTIFY_SOCKET` and `WATCHDOG_USEC` set.
@Suite("installed daemon under the unit's sandbox")
struct InstalledDaemonTests {
    /// nobody / nogroup: an unprivileged user like the unit's `govreport`.
    static let user: UInt32 = 65534

    @Test("READY, WATCHDOG at its rate, RELOADING on SIGHUP, STOPPING on SIGTERM, exit 0; a report is stored")
    func runsLikeSystemd() throws {
        try InstallStep.withTemporaryDirectory { dir in
            try InstallStep.install(environment: ["DESTDIR": dir.appendingPathComponent("root").path])
            let root = dir.appendingPathComponent("root/usr/local")
            let daemonBinary = root.appendingPathComponent("bin/govreportd").path
            let unit = root.appendingPathComponent("lib/systemd/system/govreportd.service").path
            let data = dir.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            chown(data.path, Self.user, Self.user)
            chmod(dir.path, 0o755)

            let listener = try NotifyListener(path: dir.appendingPathComponent("notify").path)
            let sandbox = InstallStep.repository.appendingPathComponent("Tests/DeploymentTests/unit_sandbox.py").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = ["--net", "--ipc", "--",
                                 "/usr/bin/setpriv", "--reuid=\(Self.user)", "--regid=\(Self.user)", "--clear-groups",
                                 "--bounding-set=-all", "--inh-caps=-all", "--",
                                 "/usr/bin/python3", sandbox, unit, "--", daemonBinary, "--data-dir", data.path]
            process.environment = ["PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"]
            let log = dir.appendingPathComponent("daemon.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let logHandle = try FileHandle(forWritingTo: log)
            process.standardOutput = logHandle
            process.standardError = logHandle
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let daemonLog = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

            var seen: [String] = []
            let ready = try #require(listener.waitFor("READY=1", seen: &seen), "no READY=1; log: \(daemonLog())")
            #expect(ready.contains("MAINPID=\(process.processIdentifier)"))

            // WATCHDOG_USEC=400 ms: a keep-alive every 200 ms, so 6 to 14 of them in two seconds.
            let start = Date()
            var watchdogs = 0
            while Date().timeIntervalSince(start) < 2, let message = listener.next(timeout: 0.5) {
                seen.append(message)
                if message.split(separator: "\n").contains("WATCHDOG=1") { watchdogs += 1 }
            }
            #expect((6...14).contains(watchdogs), "\(watchdogs) WATCHDOG=1 in 2 s")

            // A report dropped into the inbox is read and stored inside the sandbox.
            let seed = InstallStep.repository.appendingPathComponent("Tests/GovReportCtlTests/Fixtures/kunwu-2020.txt")
            try FileManager.default.copyItem(at: seed, to: data.appendingPathComponent("inbox/kunwu-2020.txt"))
            let control = root.appendingPathComponent("bin/govreportctl").path
            let socket = data.appendingPathComponent("govreportd.sock").path
            var stored = false
            let deadline = Date().addingTimeInterval(30)
            while !stored && Date() < deadline {
                let status = try InstallStep.run(control, ["--socket", socket, "status", "--json"])
                if let json = try? JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any],
                   let jobs = json["jobs"] as? [String: Any], jobs["stored"] as? Int == 1 {
                    stored = true
                } else {
                    _ = listener.next(timeout: 0.1)
                }
            }
            #expect(stored, "the seed report was not stored; log: \(daemonLog())")

            kill(process.processIdentifier, SIGHUP)
            let reloading = listener.waitFor("RELOADING=1", seen: &seen)
            #expect(reloading?.split(separator: "\n").contains { $0.hasPrefix("MONOTONIC_USEC=") } == true)
            #expect(listener.waitFor("READY=1", seen: &seen) != nil, "READY=1 after the reload")

            kill(process.processIdentifier, SIGTERM)
            #expect(listener.waitFor("STOPPING=1", seen: &seen) != nil)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0, "log: \(daemonLog())")
            try? logHandle.close()
        }
    }
}
