import ControlProtocol
import Foundation
import GovReportDaemon
import ReportModel
import ReportStore
import Testing

/// `govreportctl`'s daemon commands, run as a child process against an in-process control server with known
/// reports: golden human and `--json` output, and every exit code. Set `GOVREPORT_UPDATE_GOLDEN=1` to
/// rewrite the golden files after a deliberate change (and read the diff).
@Suite("govreportctl daemon commands")
struct ControlClientCommandTests {
    // MARK: Golden output

    @Test("status, jobs, show, retry --dry-run and export print what the golden files say",
          arguments: GoldenCase.all)
    func golden(_ golden: GoldenCase) async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let arguments = golden.arguments.map { argument in
            server.jobs[argument.trimmingCharacters(in: ["{", "}"])].map(String.init) ?? argument
        }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath] + arguments)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        try GoldenFile.check(normalized(run.stdout, server), against: golden.file)
    }

    @Test("human output lines up columns by display width, counting a Chinese character as two")
    func columnsAlign() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "jobs"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        // The 文件 column starts at the same display column on every line.
        let fileColumn = try #require(header.range(of: "文件")).lowerBound
        let width = String(header[..<fileColumn]).displayWidth
        for (line, file) in zip(lines.dropFirst(), ["waiting.txt", "kunwu-2020-copy.txt", "broken.pdf", "junk.txt",
                                                      "qingqiu-2020.txt", "kunwu-2021.txt", "kunwu-2020.txt"]) {
            let start = try #require(line.range(of: file)).lowerBound
            #expect(String(line[..<start]).displayWidth == width, "\(line)")
        }
    }

    @Test("status --json has an object jobs with an integer count for every state")
    func statusJSON() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [String: Any])
        let expected = ["queued": 1, "running": 0, "retrying": 0, "stored": 3, "duplicate": 1, "rejected": 1, "failed": 1,
                        "quarantined": 0]
        for (state, count) in expected {
            #expect(jobs[state] as? Int == count, "jobs.\(state)")
        }
        #expect(object["intake_paused"] as? Bool == false)
        #expect(object["inbox"] as? String == server.directory.appendingPathComponent("inbox").path)
    }

    @Test("export --output writes the file atomically; CSV starts with a BOM and has a row per report")
    func exportToFile() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let target = server.directory.appendingPathComponent("out.csv")
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "csv",
                                                   "--year", "2020", "--output", target.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("2 份报告"))
        let bytes = try Data(contentsOf: target)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n")
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("\u{FEFF}report_id,body,year,template,status"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: server.directory.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        // A failed export leaves no file behind.
        let missing = server.directory.appendingPathComponent("none.csv")
        let failed = try await ControlCtlProcess.run(["--socket", "/nonexistent/sock", "export", "--output", missing.path])
        #expect(failed.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.directory.path).filter { $0.hasSuffix(".tmp") }
            .isEmpty)
    }

    @Test("export --format ndjson prints one object per current report with the check --json fields")
    func exportNDJSON() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "ndjson"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let objects = try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3)
        #expect(objects.allSatisfy {
            Set($0.keys).isSuperset(of: ["body", "year", "sha256", "status", "template", "tables"])
        })
    }

    @Test("retry, pause, resume, findings and watch do what they say and print it")
    func stateChangingCommands() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let socket = ["--socket", server.socketPath]
        let retry = try await ControlCtlProcess.run(socket + ["retry", "--failed"])
        #expect(retry.exitCode == 0)
        #expect(retry.stdout == "已重新排队 1 个任务：\(try #require(server.jobs["broken"]))\n")

        let pause = try await ControlCtlProcess.run(socket + ["pause"])
        #expect(pause.stdout.contains("已暂停"))
        #expect(try server.queue.isIntakePaused())
        let resume = try await ControlCtlProcess.run(socket + ["resume", "--json"])
        #expect(resume.stdout.contains("\"intake_paused\" : false"))
        #expect(try !server.queue.isIntakePaused())

        let fingerprint = try #require(try server.store.findings(of: ReportID(1)).first?.finding.fingerprint)
        let accept = try await ControlCtlProcess.run(socket + ["findings", "accept", fingerprint, "--job",
                                                               String(try #require(server.jobs["kunwu2020"])),
                                                               "--note", "已核实"])
        #expect(accept.exitCode == 0, "\(accept.stderr)")
        #expect(accept.stdout.contains("已确认问题 \(fingerprint)（昆吾办 2020 年，root）：已核实"))
        #expect(try server.store.decision(fingerprint: fingerprint, body: "昆吾办", year: 2020)?.decidedBy == "root")

        // Events so far: retried, intake paused, intake resumed. Resume from the second.
        let watch = try await ControlCtlProcess.run(socket + ["watch", "--from", "2", "--count", "2", "--json"])
        #expect(watch.exitCode == 0, "\(watch.stderr)")
        let events = try watch.stdout.split(separator: "\n").map {
            try ControlJSON.decoder.decode(DaemonEvent.self, from: Data($0.utf8))
        }
        #expect(events.map(\.sequence) == [2, 3])
        #expect(events.map(\.kind) == [.intakePaused, .intakeResumed])
        let human = try await ControlCtlProcess.run(socket + ["watch", "--from", "1", "--count", "1"])
        #expect(human.stdout.hasPrefix("#1  "))
        #expect(human.stdout.contains("retried  任务 \(try #require(server.jobs["broken"]))"))
    }

    // MARK: Exit codes

    @Test("exit codes: 0 done, 1 refused, 2 unreachable, 3 not found, 64 usage; --help lists them")
    func exitCodes() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let socket = ["--socket", server.socketPath]
        #expect(try await ControlCtlProcess.run(socket + ["status"]).exitCode == 0)

        let queued = String(try #require(server.jobs["queued"]))
        let refused = try await ControlCtlProcess.run(socket + ["retry", queued])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("queued"))

        let unreachable = try await ControlCtlProcess.run(["--socket", server.directory.path + "/none.sock", "status"])
        #expect(unreachable.exitCode == 2)
        #expect(unreachable.stderr.contains("无法连接守护进程"))
        let environment = try await ControlCtlProcess.run(["jobs"], environment: ["GOVREPORT_SOCKET": server.socketPath])
        #expect(environment.exitCode == 0, "GOVREPORT_SOCKET is used")

        let notFound = try await ControlCtlProcess.run(socket + ["show", "9999"])
        #expect(notFound.exitCode == 3)
        #expect(notFound.stderr.contains("9999"))

        #expect(try await ControlCtlProcess.run(socket + ["jobs", "--limit", "0"]).exitCode == 64)
        #expect(try await ControlCtlProcess.run(socket + ["retry"]).exitCode == 64)
        #expect(try await ControlCtlProcess.run(socket + ["jobs", "--state", "lost"]).exitCode == 64)
        let fingerprint = try #require(try server.store.findings(of: ReportID(1)).first?.finding.fingerprint)
        let ambiguous = try await ControlCtlProcess.run(socket + ["findings", "dismiss", fingerprint])
        #expect(ambiguous.exitCode == 64, "the fingerprint occurs in three reports")

        for command in ["status", "jobs", "show", "retry", "export", "pause", "resume", "watch"] {
            let help = try await ControlCtlProcess.run([command, "--help"])
            #expect(help.stdout.contains("Exit codes"), "\(command) --help")
            #expect(help.stdout.contains("not reachable"), "\(command) --help")
        }
    }

    /// The output with what changes from run to run replaced: the directory, the pid, durations.
    private func normalized(_ text: String, _ server: ControlTestServer) -> String {
        var text = text.replacingOccurrences(of: server.directory.path, with: "$DIR")
        let patterns: [(String, String)] = [
            (#"进程:(\s+)\d+"#, "进程:$1<pid>"),
            (#"\d+天\d+小时|\d+小时\d+分|\d+分\d+秒|\d+秒"#, "<时长>"),
            (#""pid" : \d+"#, #""pid" : 0"#),
            (#""(uptime_seconds|oldest_queued_age_seconds)" : [0-9.e+]+"#, #""$1" : 0"#),
        ]
        for (pattern, template) in patterns {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text
    }
}

/// One golden run: arguments (`{name}` is the id of a known job) and its expected-output file.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    var file: String
    var arguments: [String]

    var testDescription: String { file }

    static let all = [
        GoldenCase(file: "status.txt", arguments: ["status"]),
        GoldenCase(file: "status.json", arguments: ["status", "--json"]),
        GoldenCase(file: "jobs.txt", arguments: ["jobs"]),
        GoldenCase(file: "jobs-page.json", arguments: ["jobs", "--limit", "2", "--json"]),
        GoldenCase(file: "jobs-page.txt", arguments: ["jobs", "--limit", "2", "--before", "{qingqiu}"]),
        GoldenCase(file: "jobs-failed.txt", arguments: ["jobs", "--state", "failed"]),
        GoldenCase(file: "jobs-body-year.txt", arguments: ["jobs", "--body", "昆吾办", "--year", "2021"]),
        GoldenCase(file: "show.txt", arguments: ["show", "{kunwu2020}"]),
        GoldenCase(file: "show.json", arguments: ["show", "{kunwu2020}", "--json"]),
        GoldenCase(file: "show-rejected.txt", arguments: ["show", "{junk}"]),
        GoldenCase(file: "retry-dry-run.txt", arguments: ["retry", "--failed", "--rejected", "--dry-run"]),
        GoldenCase(file: "retry-dry-run.json", arguments: ["retry", "--failed", "--rejected", "--dry-run", "--json"]),
        GoldenCase(file: "export.ndjson", arguments: ["export", "--format", "ndjson", "--body", "青丘办"]),
        GoldenCase(file: "export.csv", arguments: ["export", "--format", "csv", "--year", "2021"]),
    ]
}

/// Expected outputs in `Fixtures/govreportctl/`.
enum GoldenFile {
    /// Compares `actual` with the file (or rewrites the file when `GOVREPORT_UPDATE_GOLDEN=1`).
    static func check(_ actual: String, against name: String) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/govreportctl/\(name)")
        if ProcessInfo.processInfo.environment["GOVREPORT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: source)
            return
        }
        // Read from the source tree, so that a rewritten file counts without a rebuild.
        let data = try #require(FileManager.default.contents(atPath: source.path),
                                "golden file \(name) is missing; run with GOVREPORT_UPDATE_GOLDEN=1")
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "\(name) differs from the golden file")
    }
}

extension String {
    /// Terminal columns, as govreportctl counts them (CJK and full-width characters are two).
    var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}
