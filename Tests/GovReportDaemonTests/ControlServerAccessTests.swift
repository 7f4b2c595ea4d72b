import ControlProtocol
import Foundation
import GovReportDaemon
import ReportStore
import Testing

/// Who may use the control socket, checked with real peers of other users (`setpriv`; the tests run as
/// root, here and in CI).
@Suite("Control server access", .enabled(if: getuid() == 0, "needs root to run clients as other users"))
struct ControlServerAccessTests {
    static let readGroup: UInt32 = 4242
    static let adminGroup: UInt32 = 4243
    static let outsider = ["--reuid=65534", "--regid=65534", "--clear-groups"]
    static let reader = ["--reuid=65534", "--regid=4242", "--clear-groups"]
    static let admin = ["--reuid=65534", "--regid=65534", "--groups=4242,4243"]

    private func server(mode: UInt32 = 0o660) async throws -> ControlTestServer {
        try await ControlTestServer { configuration in
            configuration.readGroup = .id(Self.readGroup)
            configuration.adminGroup = .id(Self.adminGroup)
            configuration.socketMode = mode
        }
    }

    @Test("the socket file belongs to the read group with mode 0660; an outsider cannot connect (exit 4)")
    func outsiderCannotConnect() async throws {
        let server = try await server()
        defer { Task { await server.stop() } }
        var info = stat()
        #expect(lstat(server.socketPath, &info) == 0)
        #expect(info.st_gid == Self.readGroup)
        #expect(info.st_mode & 0o777 == 0o660)
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "status"], user: Self.outsider)
        #expect(run.exitCode == 4, "\(run.stderr)")
        #expect(run.stderr.contains("没有权限"))
    }

    @Test("with an open socket file, the server itself refuses a peer outside the groups (SO_PEERCRED)")
    func outsiderRefusedByCredentials() async throws {
        let server = try await server(mode: 0o666)
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "status"], user: Self.outsider)
        #expect(run.exitCode == 4, "\(run.stderr)")
        #expect(run.stderr.contains("uid 65534"))
        #expect(run.stdout.isEmpty)
    }

    @Test("a read-only peer gets status and a dry run but cannot retry, pause or decide")
    func readerCannotChangeState() async throws {
        let server = try await server()
        defer { Task { await server.stop() } }
        let socket = ["--socket", server.socketPath]
        let status = try await ControlCtlProcess.run(socket + ["status", "--json"], user: Self.reader)
        #expect(status.exitCode == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"stored\" : 3"))

        let dry = try await ControlCtlProcess.run(socket + ["retry", "--failed", "--dry-run"], user: Self.reader)
        #expect(dry.exitCode == 0, "\(dry.stderr)")

        let retry = try await ControlCtlProcess.run(socket + ["retry", "--failed"], user: Self.reader)
        #expect(retry.exitCode == 4)
        #expect(retry.stderr.contains("管理用户组"))
        let broken = try #require(server.jobs["broken"])
        #expect(try server.queue.job(JobID(broken))?.state == .failed, "nothing was retried")

        let pause = try await ControlCtlProcess.run(socket + ["pause"], user: Self.reader)
        #expect(pause.exitCode == 4)
        #expect(try !server.queue.isIntakePaused())
    }

    @Test("a member of the admin group (a supplementary group) can retry")
    func adminRetries() async throws {
        let server = try await server()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "retry", "--failed"], user: Self.admin)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let broken = try #require(server.jobs["broken"])
        #expect(try server.queue.job(JobID(broken))?.state == .queued)
    }
}
