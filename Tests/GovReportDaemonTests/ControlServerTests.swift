import ControlProtocol
import Foundation
import GovReportDaemon
import Logging
import ReportModel
import ReportStore
import Testing

/// The control server over a real Unix socket, against a real store (protocol and commands).
@Suite("Control server")
struct ControlServerTests {
    @Test("the first line is the server's hello with the protocol version, daemon version and capabilities")
    func helloFirst() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        let client = try await SocketTestClient.connect(server.socketPath)
        let hello = try await client.read(ServerHello.self)
        #expect(hello.type == .hello)
        #expect(hello.protocol == 1)
        #expect(hello.daemon == DaemonVersion.string)
        #expect(Set(hello.capabilities).isSuperset(of: ["status", "jobs", "show", "retry", "export", "watch",
                                                        "pause", "resume", "decide", "export.ndjson"]))
        #expect(hello.peer.uid == getuid())
        #expect(hello.peer.pid == getpid())
        #expect(hello.peer.access == .admin)

        let again = try await client.call(.hello(HelloRequest(protocols: [1, 2])), id: 9, as: ServerHello.self, skipHello: true)
        #expect(again.protocol == 1)
        try await client.send(.hello(HelloRequest(protocols: [7])), id: 10)
        let refused = try await client.read(ResponseLine.self)
        #expect(refused.id == 10)
        #expect(refused.error?.code == .unsupportedVersion)
    }

    @Test("status counts the jobs in every state and reads the pause flag")
    func statusCounts() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let status = try await SocketTestClient.connect(server.socketPath).call(.status, as: StatusResult.self)
        #expect(status.jobs.stored == 3)
        #expect(status.jobs.rejected == 1)
        #expect(status.jobs.failed == 1)
        #expect(status.jobs.duplicate == 1)
        #expect(status.jobs.queued == 1)
        #expect(status.jobs.running == 0)
        #expect(status.reports.current == 3)
        #expect(status.intakePaused == false)
        #expect(status.daemon == DaemonVersion.string)
        #expect(status.oldestQueuedAgeSeconds != nil)
        #expect(Set(status.latestErrors.map(\.file)) == ["junk.txt", "broken.pdf"])
        #expect(status.throughput.map(\.minutes) == [1, 5, 15])
    }

    @Test("jobs lists newest first, filters by state, body and year, and pages with before")
    func jobsPaging() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let all = try await SocketTestClient.connect(server.socketPath).call(.jobs(JobsQuery()), as: JobsResult.self)
        #expect(all.jobs.count == 7)
        #expect(all.jobs.map(\.id) == all.jobs.map(\.id).sorted(by: >))
        #expect(all.nextBefore == nil)

        let first = try await SocketTestClient.connect(server.socketPath).call(.jobs(JobsQuery(limit: 3)), as: JobsResult.self)
        #expect(first.jobs.count == 3)
        let next = try #require(first.nextBefore)
        let second = try await SocketTestClient.connect(server.socketPath)
            .call(.jobs(JobsQuery(limit: 3, before: next)), as: JobsResult.self)
        #expect(second.jobs.map(\.id) == Array(all.jobs.map(\.id)[3..<6]))

        let failed = try await SocketTestClient.connect(server.socketPath)
            .call(.jobs(JobsQuery(state: "failed")), as: JobsResult.self)
        #expect(failed.jobs.map(\.file) == ["broken.pdf"])
        let kunwu = try await SocketTestClient.connect(server.socketPath)
            .call(.jobs(JobsQuery(body: "昆吾办")), as: JobsResult.self)
        #expect(Set(kunwu.jobs.map(\.file)) == ["kunwu-2020.txt", "kunwu-2021.txt"])
        let year2020 = try await SocketTestClient.connect(server.socketPath)
            .call(.jobs(JobsQuery(body: "昆吾办", year: 2020)), as: JobsResult.self)
        #expect(year2020.jobs.map(\.file) == ["kunwu-2020.txt"])
        #expect(year2020.jobs.first?.reportStatus == "warnings")

        let client = try await SocketTestClient.connect(server.socketPath)
        await #expect(throws: ControlError.self) { try await client.call(.jobs(JobsQuery(state: "lost")), as: JobsResult.self) }
    }

    @Test("show gives the job's history, its report's summary and findings with decisions")
    func show() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let id = try #require(server.jobs["kunwu2020"])
        let fingerprint = try #require(try server.store.findings(of: ReportID(1)).first?.finding.fingerprint)
        try server.store.decide(.dismissed, fingerprint: fingerprint, body: "昆吾办", year: 2020, by: "审核员", note: "原表如此")

        let result = try await SocketTestClient.connect(server.socketPath).call(.show(ShowRequest(job: id)), as: ShowResult.self)
        #expect(result.job.id == id)
        #expect(result.job.state == "stored")
        #expect(result.history.map(\.to) == ["queued", "running", "stored"])
        let report = try #require(result.report)
        #expect(report.body == "昆吾办")
        #expect(report.year == 2020)
        #expect(report.template == "gov2019")
        #expect(report.status == .warnings)
        #expect(report.warnings == result.findings.filter { $0.severity == .warning }.count)
        let decided = try #require(result.findings.first { $0.fingerprint == fingerprint })
        #expect(decided.decision?.verdict == .dismissed)
        #expect(decided.decision?.by == "审核员")
        #expect(decided.decision?.note == "原表如此")

        let client = try await SocketTestClient.connect(server.socketPath)
        await #expect {
            try await client.call(.show(ShowRequest(job: 999)), as: ShowResult.self)
        } throws: { ($0 as? ControlError)?.code == .notFound }
    }

    @Test("retry by an admin requeues failed and rejected jobs, publishes events and wakes the workers")
    func retry() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let junk = try #require(server.jobs["junk"])
        let broken = try #require(server.jobs["broken"])

        let dry = try await SocketTestClient.connect(server.socketPath)
            .call(.retry(RetryRequest(failed: true, rejected: true, dryRun: true)), as: RetryResult.self)
        #expect(dry.dryRun)
        #expect(Set(dry.jobs) == [junk, broken])
        #expect(try server.queue.job(JobID(junk))?.state == .rejected, "a dry run changes nothing")

        let done = try await SocketTestClient.connect(server.socketPath)
            .call(.retry(RetryRequest(failed: true)), as: RetryResult.self)
        #expect(done.jobs == [broken])
        #expect(try server.queue.job(JobID(broken))?.state == .queued)
        #expect(try server.queue.job(JobID(junk))?.state == .rejected)
        #expect(server.events.events(after: 0).map(\.kind) == [.retried])
        #expect(server.wakeCount == 1)

        let client = try await SocketTestClient.connect(server.socketPath)
        await #expect {
            try await client.call(.retry(RetryRequest(jobs: [try #require(server.jobs["queued"])])), as: RetryResult.self)
        } throws: { ($0 as? ControlError)?.code == .invalidState }
        await #expect {
            try await client.call(.retry(RetryRequest(jobs: [4_040])), id: 2, as: RetryResult.self, skipHello: true)
        } throws: { ($0 as? ControlError)?.code == .notFound }
    }

    @Test("export ndjson streams one object per current report in the check --json shape, then end")
    func exportNDJSON() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let client = try await SocketTestClient.connect(server.socketPath)
        _ = try await client.read(ServerHello.self)
        try await client.send(.export(ExportRequest(format: .ndjson)), id: 5)
        let ok = try await client.readObject()
        #expect(ok["type"] as? String == "ok")
        var text = ""
        var end: ResponseLine?
        while end == nil {
            let line = try await client.read(ResponseLine.self)
            #expect(line.id == 5)
            switch line.type {
            case .chunk: text += line.data ?? ""
            case .end: end = line
            default: Issue.record("unexpected \(line.type)")
            }
        }
        #expect(end?.count == 3)
        let objects = try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3)
        for object in objects {
            #expect(Set(object.keys).isSuperset(of: ["body", "year", "sha256", "status", "template", "tables"]))
        }
        let first = try #require(objects.first { $0["body"] as? String == "昆吾办" && $0["year"] as? Int == 2020 })
        #expect(first["template"] as? String == "gov2019")
        #expect(first["status"] as? String == "warnings")
        #expect((first["sha256"] as? String)?.count == 64)
        let tables = try #require(first["tables"] as? [String: Any])
        let t2 = try #require(tables["t2"] as? [String: [String: [String: Any]]])
        #expect(t2["licensing"]?["decisions"]?["value"] as? Int == 73)
        #expect(t2["licensing"]?["decisions"]?["raw"] as? String == "73")
        #expect(t2["licensing"]?["decisions"]?["kind"] as? String == "number")
        let t3 = try #require(tables["t3"] as? [String: [String: [String: Any]]])
        #expect(t3["denied.state_secret"]?["natural"] != nil, "row keys keep their dots")

        // Filters, and the other formats.
        let seen = try await exportText(server, ExportRequest(format: .json, year: 2020))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(seen.utf8)) as? [[String: Any]])
        #expect(Set(array.compactMap { $0["body"] as? String }) == ["昆吾办", "青丘办"])
        let csv = try await exportText(server, ExportRequest(format: .csv, body: "青丘办"))
        #expect(csv.hasPrefix("\u{FEFF}report_id,body,year"))
        #expect(csv.split(separator: "\r\n").count == 2)
    }

    @Test("watch resumes after a sequence number and then follows live events")
    func watchResumes() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        for job in 1...5 { server.events.publish(.stored, job: Int64(job), file: "f\(job).txt", state: "stored") }
        let client = try await SocketTestClient.connect(server.socketPath)
        _ = try await client.read(ServerHello.self)
        try await client.send(.watch(WatchRequest(after: 3)), id: 1)
        let start = try await client.read(OKLine<WatchStart>.self)
        #expect(start.result.latest == 5)
        #expect(start.result.oldest == 1)
        #expect(try await client.read(EventLine.self).event.sequence == 4)
        #expect(try await client.read(EventLine.self).event.sequence == 5)
        server.events.publish(.rejected, job: 6, file: "junk.txt", state: "rejected", detail: "不是报告")
        let live = try await client.read(EventLine.self).event
        #expect(live.sequence == 6)
        #expect(live.kind == .rejected)
        #expect(live.detail == "不是报告")
        client.close()
        // The server notices the hang-up and drops the follower.
        for _ in 0..<200 where server.events.followerCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.events.followerCount == 0)
    }

    @Test("pause and resume set the intake flag in the database and publish events")
    func pauseResume() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        let paused = try await SocketTestClient.connect(server.socketPath).call(.pause, as: IntakeResult.self)
        #expect(paused.intakePaused)
        #expect(try server.queue.isIntakePaused())
        let resumed = try await SocketTestClient.connect(server.socketPath).call(.resume, as: IntakeResult.self)
        #expect(!resumed.intakePaused)
        #expect(try !server.queue.isIntakePaused())
        #expect(server.events.events(after: 0).map(\.kind) == [.intakePaused, .intakeResumed])
    }

    @Test("findings decisions are recorded under the peer's user name; an ambiguous fingerprint is refused")
    func decide() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let id = try #require(server.jobs["qingqiu"])
        let fingerprint = try #require(try server.store.findings(of: ReportID(3)).first?.finding.fingerprint)
        let result = try await SocketTestClient.connect(server.socketPath).call(
            .decide(DecisionRequest(fingerprint: fingerprint, verdict: .accepted, note: "已核实", job: id)),
            as: DecisionResult.self)
        #expect(result.body == "青丘办")
        #expect(result.by == "root" || result.by == String(getuid()))
        let stored = try #require(try server.store.decision(fingerprint: fingerprint, body: "青丘办", year: 2020))
        #expect(stored.verdict == .accepted)
        #expect(stored.note == "已核实")

        let client = try await SocketTestClient.connect(server.socketPath)
        await #expect {
            try await client.call(.decide(DecisionRequest(fingerprint: fingerprint, verdict: .dismissed)),
                            as: DecisionResult.self)
        } throws: { ($0 as? ControlError)?.code == .ambiguous }
        await #expect {
            try await client.call(.decide(DecisionRequest(fingerprint: "nope", verdict: .dismissed, body: "青丘办", year: 2020)),
                            id: 2, as: DecisionResult.self, skipHello: true)
        } throws: { ($0 as? ControlError)?.code == .notFound }
    }

    @Test("garbage, unknown commands and bad parameters get stable error codes and the connection stays")
    func badRequests() async throws {
        let server = try await ControlTestServer(fill: false)
        defer { Task { await server.stop() } }
        let client = try await SocketTestClient.connect(server.socketPath)
        _ = try await client.read(ServerHello.self)
        await client.send(line: "this is not json")
        #expect(try await client.read(ResponseLine.self).error?.code == .badRequest)
        await client.send(Array([0xFF, 0xFE, 0x00, 0x0A]))
        #expect(try await client.read(ResponseLine.self).error?.code == .badRequest)
        await client.send(line: #"{"id": 3, "command": "launch"}"#)
        let unknown = try await client.read(ResponseLine.self)
        #expect(unknown.id == 3)
        #expect(unknown.error?.code == .unknownCommand)
        await client.send(line: #"{"id": 4, "command": "jobs", "params": {"limit": "many"}}"#)
        let bad = try await client.read(ResponseLine.self)
        #expect(bad.id == 4)
        #expect(bad.error?.code == .badRequest)
        let status = try await client.call(.status, id: 5, as: StatusResult.self, skipHello: true)
        #expect(status.jobs.total == 0)
    }

    @Test("the socket file is removed at exit, and a stale one is replaced at start")
    func socketFileLifecycle() async throws {
        let server = try await ControlTestServer(fill: false)
        let path = server.socketPath
        #expect(FileManager.default.fileExists(atPath: path))
        var info = stat()
        #expect(lstat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        // A second server on the same path refuses: another daemon answers there.
        let second = ControlServer(configuration: .init(socketPath: path),
                                   context: ControlContext(databasePath: server.databasePath, inboxPath: "/tmp",
                                                           events: EventLog()),
                                   logger: .init(label: "second"))
        await #expect(throws: ControlServerError.alreadyServing(path)) { try await second.run() }
        #expect(FileManager.default.fileExists(atPath: path), "the refused server leaves the live socket alone")
        await server.stop()

        // A socket file nobody listens on (left by a crash) is replaced.
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(stale)
        #expect(bound == 0)
        #expect(FileManager.default.fileExists(atPath: path))
        let database = server.databasePath
        let restarted = ControlServer(configuration: .init(socketPath: path),
                                      context: ControlContext(databasePath: database, inboxPath: "/tmp", events: EventLog()),
                                      logger: .init(label: "restarted"))
        let task = Task { try await restarted.run() }
        var answered = false
        for _ in 0..<300 where !answered {
            answered = (try? await SocketTestClient.connect(path).read(ServerHello.self)) != nil
            if !answered { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(answered)
        task.cancel()
        _ = try? await task.value
        #expect(!FileManager.default.fileExists(atPath: path), "the socket file is removed at exit")
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

/// The text of an export, chunks joined.
func exportText(_ server: ControlTestServer, _ request: ExportRequest) async throws -> String {
    let client = try await SocketTestClient.connect(server.socketPath)
    _ = try await client.read(ServerHello.self)
    try await client.send(.export(request), id: 1)
    _ = try await client.read(ResponseLine.self)
    var text = ""
    while true {
        let line = try await client.read(ResponseLine.self)
        if line.type == .end { return text }
        if let error = line.error { throw error }
        text += line.data ?? ""
    }
}
