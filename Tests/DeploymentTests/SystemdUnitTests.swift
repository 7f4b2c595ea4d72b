import Foundation
import Testing

/// The systemd unit, sysusers and tmpfiles files, checked by systemd's own tools.
@Suite("systemd units")
struct SystemdUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"

    @Test("systemd-analyze verify prints nothing for the installed unit")
    func unitVerifies() throws {
        try InstallStep.withTemporaryDirectory { dir in
            // Installed with real paths under a temporary prefix, so ExecStart names an existing binary.
            try InstallStep.install(environment: ["PREFIX": dir.appendingPathComponent("usr").path,
                                                  "SYSCONFDIR": dir.appendingPathComponent("etc").path])
            let unit = dir.appendingPathComponent("usr/lib/systemd/system/govreportd.service").path
            let output = try InstallStep.run(Self.analyze, ["verify", "--man=no", unit])
            #expect(output.status == 0)
            // verify exits 0 on unknown keys and other warnings; any output at all is a problem.
            #expect(output.stdout + output.stderr == "")
        }
    }

    @Test("the unit's exposure score is at most 2.0")
    func exposureIsLow() throws {
        let unit = InstallStep.repository.appendingPathComponent("systemd/govreportd.service").path
        let output = try InstallStep.run(Self.analyze, ["security", "--offline=yes", "--no-pager", unit])
        let line = try #require(output.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") },
                                "no exposure line in: \(output.stdout) \(output.stderr)")
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(score <= 2.0, "\(line)")
    }

    @Test("sysusers creates the daemon user and the staff groups; tmpfiles makes a setgid inbox")
    func usersAndInbox() throws {
        try InstallStep.withTemporaryDirectory { root in
            try FileManager.default.createDirectory(at: root.appendingPathComponent("etc"),
                                                    withIntermediateDirectories: true)
            let systemd = InstallStep.repository.appendingPathComponent("systemd")
            let users = try InstallStep.run("/usr/bin/systemd-sysusers",
                                            ["--root=\(root.path)", systemd.appendingPathComponent("govreport.sysusers.conf").path])
            #expect(users.status == 0, "\(users.stderr)")
            let groups = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
            let dropLine = try #require(groups.split(separator: "\n").first { $0.hasPrefix("govreport-drop:") })
            #expect(dropLine.hasSuffix(":govreport"), "the daemon must be in the drop group: \(dropLine)")
            #expect(groups.contains("govreport-admin:"))
            let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
            #expect(passwd.contains("govreport:x:"))

            let tmpfiles = try InstallStep.run("/usr/bin/systemd-tmpfiles",
                                               ["--root=\(root.path)", "--create",
                                                systemd.appendingPathComponent("govreport.tmpfiles.conf").path])
            #expect(tmpfiles.status == 0, "\(tmpfiles.stderr)")
            var info = stat()
            #expect(stat(root.appendingPathComponent("var/spool/govreport/inbox").path, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o2770)
            let dropGID = try #require(dropLine.split(separator: ":", omittingEmptySubsequences: false)
                .dropFirst(2).first.flatMap { UInt32($0) })
            #expect(info.st_gid == dropGID)
        }
    }
}
