import ControlProtocol
import Foundation
import GovReportDaemon
import Testing

/// Limits of the control server: line length, garbage, connections, idle time — none of them keeps
/// another client from getting `status`.
@Suite("Control server limits")
struct ControlServerLimitsTests {
    @Test("a 10 MB line gets line_too_long and the connection is closed before the server read it all")
    func tenMegabyteLine() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        let client = try await SocketTestClient.connect(server.socketPath)
        _ = try await client.read(ServerHello.self)
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20) + [0x0A]
        let sentEverything = await client.send(line)
        #expect(!sentEverything, "the server stops reading after the limit instead of taking in 10 MB")
        let answer = try await client.read(ResponseLine.self)
        #expect(answer.type == .error)
        #expect(answer.error?.code == .lineTooLong)
        #expect(await client.readLine() == nil, "then the connection is closed")

        let status = try await SocketTestClient.connect(server.socketPath).call(.status, as: StatusResult.self)
        #expect(status.jobs.total == 0)
    }

    @Test("garbage bytes get bad_request lines and do not disturb other clients")
    func garbage() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        var generator = SystemRandomNumberGenerator()
        let noisy = try await SocketTestClient.connect(server.socketPath)
        _ = try await noisy.read(ServerHello.self)
        var bytes = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.append(0x0A)
        let lines = bytes.filter { $0 == 0x0A }.count
        await noisy.send(bytes)
        var errors = 0
        for _ in 0..<lines {
            guard let line = await noisy.readLine() else { break }
            let decoded = try ControlJSON.decoder.decode(ResponseLine.self, from: Data(line))
            if decoded.error?.code == .badRequest { errors += 1 }
        }
        #expect(errors >= 1)
        let other = try await SocketTestClient.connect(server.socketPath).call(.status, as: StatusResult.self)
        #expect(other.intakePaused == false)
        // A line without a newline is held (up to the limit) and the connection still answers after it.
        let after = try await noisy.call(.status, id: 77, as: StatusResult.self, skipHello: true)
        #expect(after.jobs.total == 0)
    }

    @Test("200 idle connections do not stop another client from getting status")
    func twoHundredIdle() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        var idle: [SocketTestClient] = []
        for _ in 0..<200 { idle.append(try await SocketTestClient.connect(server.socketPath)) }
        // Every idle connection was accepted and greeted.
        var greeted = 0
        for client in idle where (try? await client.read(ServerHello.self)) != nil { greeted += 1 }
        #expect(greeted == 200)
        let started = Date()
        let status = try await SocketTestClient.connect(server.socketPath).call(.status, as: StatusResult.self)
        #expect(status.jobs.stored == 3)
        #expect(Date().timeIntervalSince(started) < 5)
        for client in idle { client.close() }
    }

    @Test("connections beyond the limit get too_many_connections; a freed slot is used again")
    func connectionLimit() async throws {
        let server = try await ControlTestServer(fill: false) { $0.maxConnections = 3 }
        defer { Task { await server.stop() } }
        var open: [SocketTestClient] = []
        for _ in 0..<3 {
            let client = try await SocketTestClient.connect(server.socketPath)
            _ = try await client.read(ServerHello.self)
            open.append(client)
        }
        let extra = try await SocketTestClient.connect(server.socketPath)
        let refused = try await extra.read(ResponseLine.self)
        #expect(refused.error?.code == .tooManyConnections)
        #expect(await extra.readLine() == nil)
        open.removeFirst().close()
        var status: StatusResult?
        for _ in 0..<100 where status == nil {
            status = try? await SocketTestClient.connect(server.socketPath).call(.status, as: StatusResult.self)
            if status == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(status != nil)
    }

    @Test("an idle connection is closed with idle_timeout; one that is watching is not")
    func idleTimeout() async throws {
        let server = try await ControlTestServer(fill: false) { $0.idleTimeout = .seconds(1) }
        defer { Task { await server.stop() } }
        // The watcher asks at once, in the same hop as the connect, so that a slow test host cannot make it idle.
        let watcher = try await offPool { () throws -> SocketTestClient in
            let client = try SocketTestClient(path: server.socketPath)
            _ = client.sendBlocking(try ControlJSON.line(ControlRequest(id: 1, command: .watch(WatchRequest()))))
            return client
        }
        let idle = try await SocketTestClient.connect(server.socketPath)
        _ = try await idle.read(ServerHello.self)
        _ = try await watcher.read(ServerHello.self)
        _ = try await watcher.read(OKLine<WatchStart>.self)

        let closed = try await idle.read(ResponseLine.self)
        #expect(closed.error?.code == .idleTimeout)
        #expect(await idle.readLine() == nil)
        try await Task.sleep(for: .milliseconds(1_500))
        server.events.publish(.stored, job: 1, file: "a.txt", state: "stored")
        let event = try await watcher.read(EventLine.self)
        #expect(event.event.job == 1, "a watcher outlives the idle timeout")
    }
}
