import ControlProtocol
import Foundation
import Testing

/// `govreportctl`'s daemon commands, run as a child process against a real `govreportd` on a temporary
/// directory with known reports (``KnownReportsDaemon``): golden human and `--json` output, and every exit code.
/// Set `GOVREPORT_UPDATE_GOLDEN=1` to rewrite the golden files after a deliberate change (and read the diff).
///
/// What changes from run to run is replaced before comparing (see ``normalized(_:_:)``): the data directory
/// becomes `$DIR` and the temporary directory around it `$TMP`; times become `YYYY-MM-DD hh:mm:ss` (human) or
/// `YYYY-MM-DDThh:mm:ssZ` (JSON, CSV) — placeholders of the same width, so columns stay aligned; the pid becomes
/// `<pid>` (human) or 0 (JSON); durations `<时长>`; uptime and the oldest queued job's age 0; the stored counts per
/// throughput window `<n>` (human) or 0 (JSON), since how many fall in the last minute depends on the machine's speed.
@Suite("govreportctl daemon commands", .knownReportsDaemon)
struct ControlClientCommandTests {
    private var fixture: KnownReportsDaemon {
        get throws { try #require(KnownReportsDaemon.current, "the suite's daemon did not start") }
    }

    // MARK: Golden output

    @Test("status, jobs, show, retry --dry-run and export print what the golden files say",
          arguments: GoldenCase.all)
    func golden(_ golden: GoldenCase) async throws {
        let fixture = try fixture
        let arguments = golden.arguments.map { argument in
            fixture.jobs[argument.trimmingCharacters(in: ["{", "}"])].map(String.init) ?? argument
        }
        let run = try await fixture.daemon.ctl(arguments)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        try GoldenFile.check(Self.normalized(run.stdout, fixture), against: golden.file)
    }

    @Test("human output lines up columns by display width, counting a Chinese character as two")
    func columnsAlign() async throws {
        let run = try await fixture.daemon.ctl(["jobs"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        // The 文件 column starts at the same display column on every line.
        let fileColumn = try #require(header.range(of: "文件")).lowerBound
        let width = String(header[..<fileColumn]).displayWidth
        let files = ["kunwu-2020-copy.txt", "broken.pdf", "junk.txt", "qingqiu-2020.txt", "kunwu-2021.txt", "kunwu-2020.txt"]
        #expect(lines.count == files.count + 1)
        for (line, file) in zip(lines.dropFirst(), files) {
            let start = try #require(line.range(of: file)).lowerBound
            #expect(String(line[..<start]).displayWidth == width, "\(line)")
        }
    }

    @Test("status --json has an object jobs with an integer count for every state")
    func statusJSON() async throws {
        let fixture = try fixture
        let run = try await fixture.daemon.ctl(["status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [String: Any])
        let expected = ["queued": 0, "running": 0, "retrying": 0, "stored": 3, "duplicate": 1, "rejected": 1, "failed": 1,
                        "quarantined": 0]
        for (state, count) in expected {
            #expect(jobs[state] as? Int == count, "jobs.\(state)")
        }
        #expect(object["intake_paused"] as? Bool == false)
        #expect(object["inbox"] as? String == fixture.daemon.inbox.path)
        #expect(object["pid"] as? Int == Int(fixture.daemon.pid))
    }

    @Test("rejected and failed jobs show their reasons in jobs --json and show")
    func reasonsAreVisible() async throws {
        let fixture = try fixture
        let failed = try await fixture.daemon.jobs(state: "failed")
        #expect(failed.map(\.file) == ["broken.pdf"])
        #expect(failed.first?.lastError?.contains("pdftotext") == true, "\(failed)")
        let rejected = try await fixture.daemon.jobs(state: "rejected")
        #expect(rejected.map(\.file) == ["junk.txt"])
        let reason = try #require(rejected.first?.lastError)
        #expect(!reason.isEmpty)
        let show = try await fixture.daemon.ctl(["show", try fixture.id("junk")])
        #expect(show.stdout.contains("最后错误:  \(reason)"))
    }

    @Test("export --output writes the file atomically; CSV starts with a BOM and has a row per report")
    func exportToFile() async throws {
        let fixture = try fixture
        let directory = fixture.temporary.url
        let target = directory.appendingPathComponent("out.csv")
        let run = try await fixture.daemon.ctl(["export", "--format", "csv", "--year", "2020", "--output", target.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("2 份报告"))
        let bytes = try Data(contentsOf: target)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n")
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("\u{FEFF}report_id,body,year,template,status"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        // A failed export leaves no file behind.
        let missing = directory.appendingPathComponent("none.csv")
        let failed = try await ControlCtlProcess.run(["--socket", "/nonexistent/sock", "export", "--output", missing.path])
        #expect(failed.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
            .isEmpty)
    }

    @Test("export --format ndjson prints one object per current report with the check --json fields")
    func exportNDJSON() async throws {
        let objects = try await fixture.daemon.exportedReports()
        // The rejected file's record is a report too (status rejected, no body or year); the other three are read.
        #expect(objects.count == 4)
        #expect(objects.filter { $0["status"] as? String == "rejected" }.count == 1)
        #expect(objects.allSatisfy {
            Set($0.keys).isSuperset(of: ["body", "year", "sha256", "status", "template", "tables"])
        })
        let keys = Set(objects.compactMap { object in (object["body"] as? String).map { "\($0) \(object["year"] ?? "")" } })
        #expect(keys == ["昆吾办 2020", "昆吾办 2021", "青丘办 2020"])
        // Tables in the check --json shape: table → row → column → cell with kind, raw and value.
        let kunwu = objects.first { $0["body"] as? String == "昆吾办" && $0["year"] as? Int == 2020 }
        let cell = (kunwu?["tables"] as? [String: Any])
            .flatMap { $0["t2"] as? [String: Any] }.flatMap { $0["licensing"] as? [String: Any] }
            .flatMap { $0["decisions"] as? [String: Any] }
        #expect(cell?["kind"] as? String != nil && cell?["raw"] != nil, "\(String(describing: cell))")
    }

    // MARK: Exit codes

    @Test("exit codes: 0 done, 1 refused, 2 unreachable, 3 not found, 64 usage; --help lists them")
    func exitCodes() async throws {
        let fixture = try fixture
        let daemon = fixture.daemon
        #expect(try await daemon.ctl(["status"]).exitCode == 0)

        // A duplicate cannot be retried (any failed, rejected, quarantined or stored job can).
        let refused = try await daemon.ctl(["retry", try fixture.id("duplicate")])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("duplicate"), "\(refused.stderr)")

        let unreachable = try await ControlCtlProcess.run(["--socket", fixture.temporary.path("none.sock").path, "status"])
        #expect(unreachable.exitCode == 2)
        #expect(unreachable.stderr.contains("无法连接守护进程"))
        let environment = try await ControlCtlProcess.run(["jobs"], environment: ["GOVREPORT_SOCKET": daemon.socketPath])
        #expect(environment.exitCode == 0, "GOVREPORT_SOCKET is used")

        let notFound = try await daemon.ctl(["show", "9999"])
        #expect(notFound.exitCode == 3)
        #expect(notFound.stderr.contains("9999"))

        #expect(try await daemon.ctl(["jobs", "--limit", "0"]).exitCode == 64)
        #expect(try await daemon.ctl(["retry"]).exitCode == 64)
        #expect(try await daemon.ctl(["jobs", "--state", "lost"]).exitCode == 64)
        let show = try await daemon.ctl(["show", try fixture.id("kunwu2020"), "--json"])
        let fingerprint = try #require(try ControlJSON.decoder.decode(ShowResult.self, from: Data(show.stdout.utf8))
            .findings.first?.fingerprint)
        let ambiguous = try await daemon.ctl(["findings", "dismiss", fingerprint])
        #expect(ambiguous.exitCode == 64, "the fingerprint occurs in three reports")

        for command in ["status", "jobs", "show", "retry", "export", "pause", "resume", "watch"] {
            let help = try await ControlCtlProcess.run([command, "--help"])
            #expect(help.stdout.contains("Exit codes"), "\(command) --help")
            #expect(help.stdout.contains("not reachable"), "\(command) --help")
        }
    }

    /// The output with what changes from run to run replaced (see the suite's documentation).
    static func normalized(_ text: String, _ fixture: KnownReportsDaemon) -> String {
        var text = text.replacingOccurrences(of: fixture.daemon.dataDirectory.path, with: "$DIR")
            .replacingOccurrences(of: fixture.temporary.url.path, with: "$TMP")
        let patterns: [(String, String)] = [
            (#"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"#, "YYYY-MM-DD hh:mm:ss"),
            (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, "YYYY-MM-DDThh:mm:ssZ"),
            (#"进程:(\s+)\d+"#, "进程:$1<pid>"),
            (#"\d+天\d+小时|\d+小时\d+分|\d+分\d+秒|\d+秒"#, "<时长>"),
            (#"(\d+) 分钟 \d+ 份"#, "$1 分钟 <n> 份"),
            (#""minutes" : (\d+),(\s+)"stored" : \d+"#, #""minutes" : $1,$2"stored" : 0"#),
            (#""pid" : \d+"#, #""pid" : 0"#),
            (#""(uptime_seconds|oldest_queued_age_seconds)" : [0-9.e+-]+"#, #""$1" : 0"#),
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
