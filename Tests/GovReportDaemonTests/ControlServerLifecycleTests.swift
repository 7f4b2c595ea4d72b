import ControlProtocol
import Foundation
import GovReportDaemon
import Logging
import ServiceLifecycle
import Testing

/// The control server as one service of a ServiceGroup, as the daemon runs it.
@Suite("Control server lifecycle")
struct ControlServerLifecycleTests {
    @Test("graceful shutdown ends the server with clients still connected and removes the socket file")
    func gracefulShutdown() async throws {
        let directory = "/tmp/grc-life-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let socket = directory + "/govreportd.sock"
        let events = EventLog()
        let server = ControlServer(
            configuration: .init(socketPath: socket),
            context: ControlContext(databasePath: directory + "/govreport.sqlite", inboxPath: directory + "/inbox",
                                    events: events),
            logger: Logger(label: "lifecycle-test"))
        let group = ServiceGroup(services: [server], logger: Logger(label: "lifecycle-test"))
        let running = Task { try await group.run() }

        var idle: SocketTestClient?
        for _ in 0..<500 where idle == nil {
            if let client = try? await SocketTestClient.connect(socket),
               (try? await client.read(ServerHello.self)) != nil {
                idle = client
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let connected = try #require(idle)
        let watcher = try await SocketTestClient.connect(socket)
        _ = try await watcher.read(ServerHello.self)
        try await watcher.send(.watch(WatchRequest()), id: 1)
        _ = try await watcher.read(OKLine<WatchStart>.self)

        let started = Date()
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(Date().timeIntervalSince(started) < 5, "open connections do not hold up the shutdown")
        #expect(!FileManager.default.fileExists(atPath: socket))
        #expect(await connected.readLine() == nil, "idle clients are disconnected")
    }
}
