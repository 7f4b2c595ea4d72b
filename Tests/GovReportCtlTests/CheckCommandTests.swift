import Foundation
import ReportModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `govreportctl check`, run as a child process on fixture files (report model, section 6).
@Suite("govreportctl check")
struct CheckCommandTests {
    // MARK: The seed report

    @Test("check --json on the seed gives the spec's object with its numbers and shape findings")
    func seedAsJSON() throws {
        let seed = try GovReportCtlProcess.fixture("kunwu-2020.txt")
        let (run, reports, objects) = try checkJSON([seed.path])

        #expect(reports.count == 1)
        let report = try #require(reports.first)
        let keys = Set(try #require(objects.first).keys)
        #expect(keys.isSuperset(of: ["file", "sha256", "format", "encoding", "template", "year", "body", "title",
                                     "status", "sections", "tables", "findings"]))
        #expect(report.file == "kunwu-2020.txt")
        #expect(report.template == .gov2019)
        #expect(report.year == 2020)
        #expect(report.body == "昆吾办")
        #expect(report.sha256 == (try sha256sum(seed)))

        #expect(report.value(.t2, "licensing", "decisions") == .integer(73))
        #expect(report.value(.t2, "penalty", "decisions") == .integer(10))
        #expect(report.value(.t2, "procurement", "count") == .integer(3))
        let amount = report.value(.t2, "procurement", "amount")?.doubleValue ?? .nan
        #expect(abs(amount - 6.8178) < 1e-9, "t2.procurement.amount is \(amount)")

        let t3 = try #require(report.tables[.t3])
        let definition = ReportTemplate.gov2019.t3
        #expect(Set(t3.rows.keys) == Set(definition.rows.map(\.key)))
        for row in definition.rows {
            for column in row.columns {
                #expect(t3[row.key, column.key]?.value?.doubleValue == 0, "t3.\(row.key).\(column.key)")
            }
        }

        let rules = Set(report.findings.map(\.rule))
        #expect(rules.contains(RuleID.docShapeT3))
        #expect(rules.contains(RuleID.docShapeT4))
        // Every lost cell is recovered from the identities, each with a warning: not valid, but not in error.
        #expect(report.status == .warnings)
        #expect(run.exitCode == 0)
        #expect(run.exitCode == expectedExitCode(report.status))
    }

    @Test("check on the seed prints the body, year and severity words for a person")
    func seedForPeople() throws {
        let seed = try GovReportCtlProcess.fixture("kunwu-2020.txt")
        let run = try GovReportCtlProcess.run(["check", seed.path])

        #expect(run.stdout.contains("kunwu-2020.txt"))
        #expect(run.stdout.contains("昆吾办"))
        #expect(run.stdout.contains("年度 2020"))
        for word in ["错误", "警告", "提示"] {
            #expect(run.stdout.contains(word), "severity word \(word)")
        }
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(run.exitCode == 0, "warnings only")
    }

    @Test("finding messages start in one column, counting a Chinese character as two")
    func findingMessagesLineUp() throws {
        let seed = try GovReportCtlProcess.fixture("kunwu-2020.txt")
        let (_, reports, _) = try checkJSON([seed.path])
        let findings = try #require(reports.first?.findings)
        try #require(findings.count >= 2, "the seed should have several findings")

        let lines = try GovReportCtlProcess.run(["check", seed.path]).stdout.split(separator: "\n").map(String.init)
        var columns: Set<Int> = []
        for finding in findings {
            let line = try #require(lines.first { $0.contains(finding.rule) && $0.contains(finding.message) })
            let start = try #require(line.range(of: finding.message)).lowerBound
            columns.insert(terminalWidth(line[..<start]))
        }
        #expect(columns.count == 1, "message columns: \(columns.sorted())")
    }

    @Test("colour only on a terminal, and not with NO_COLOR",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnlyOnATerminal() throws {
        try withTemporaryDirectory { dir in
            // `script` gives the command a pseudo-terminal as stdout; -e passes its exit code on.
            // `swift test` itself sets NO_COLOR, hence `env -u`.
            let command = "'\(GovReportCtlProcess.executable.path)' check '\(dir.path)'"
            let script = URL(fileURLWithPath: "/usr/bin/script")
            let onTerminal = try GovReportCtlProcess.run(script, ["-qec", "env -u NO_COLOR " + command, "/dev/null"],
                                                         environment: ["TERM": "xterm"])
            #expect(onTerminal.exitCode == 2)
            #expect(onTerminal.stdout.contains("\u{1B}["))
            #expect(onTerminal.stdout.contains(ReportStatus.rejected.displayName))

            let noColor = try GovReportCtlProcess.run(script, ["-qec", command, "/dev/null"],
                                                      environment: ["TERM": "xterm", "NO_COLOR": "1"])
            #expect(noColor.exitCode == 2)
            #expect(!noColor.stdout.contains("\u{1B}["))
            #expect(noColor.stdout.contains(ReportStatus.rejected.displayName))
        }
    }

    // MARK: Files that are not reports

    enum NonReport: String, CaseIterable, Sendable {
        case randomBytes, emptyFile, directory

        func make(in dir: URL) throws -> URL {
            let url = dir.appendingPathComponent("\(rawValue).txt")
            switch self {
            case .randomBytes:
                var state: UInt64 = 0x2020
                let bytes = (0..<4096).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt8(truncatingIfNeeded: state >> 56)
                }
                try Data(bytes).write(to: url)
            case .emptyFile:
                try Data().write(to: url)
            case .directory:
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            }
            return url
        }
    }

    @Test("a file that is not a report is rejected with a finding, exit code 2", arguments: NonReport.allCases)
    func nonReportIsRejected(_ kind: NonReport) throws {
        try withTemporaryDirectory { dir in
            let input = try kind.make(in: dir)
            let (run, reports, _) = try checkJSON([input.path])

            #expect(run.exitCode == 2)
            #expect(reports.count == 1)
            let report = try #require(reports.first)
            #expect(report.file == input.lastPathComponent)
            #expect(report.status == .rejected)
            let tables = report.tables.keys.map(\.rawValue).sorted()
            #expect(tables == [], "a rejected report has no tables")
            #expect(report.findings.contains { $0.severity == .error }, "a finding says why")
        }
    }

    enum Unreadable: String, CaseIterable, Sendable {
        case missing, fifo, tooLarge

        /// The path, and the words the finding must contain.
        func make(in dir: URL) throws -> (URL, String) {
            let url = dir.appendingPathComponent(rawValue)
            switch self {
            case .missing:
                return (url, "文件不存在")
            case .fifo:
                try #require(mkfifo(url.path, 0o600) == 0)
                return (url, "不是普通文件")
            case .tooLarge:
                // Sparse: 64 MiB + 1 byte without writing them.
                try Data().write(to: url)
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: (64 << 20) + 1)
                try handle.close()
                return (url, "文件过大")
            }
        }
    }

    @Test("a path that cannot be read gets a rejected object saying why, exit code 2", arguments: Unreadable.allCases)
    func unreadablePathIsRejected(_ kind: Unreadable) throws {
        try withTemporaryDirectory { dir in
            let (input, reason) = try kind.make(in: dir)
            let (run, reports, _) = try checkJSON([input.path])

            #expect(run.exitCode == 2)
            let report = try #require(reports.first)
            #expect(report.file == input.lastPathComponent)
            #expect(report.status == .rejected)
            #expect(report.sha256 == "")
            let finding = try #require(report.findings.first)
            #expect(report.findings.count == 1)
            #expect(finding.rule == RuleID.docFormat)
            #expect(finding.severity == .error)
            #expect(finding.message.hasPrefix("无法读取文件："))
            #expect(finding.message.contains(reason), "\(finding.message)")

            let human = try GovReportCtlProcess.run(["check", input.path])
            #expect(human.exitCode == 2)
            #expect(human.stdout.contains(ReportStatus.rejected.displayName))
            #expect(human.stdout.contains(finding.message))
        }
    }

    // MARK: Several files

    @Test("reports come out in input order, and a rejected file makes the exit code 2")
    func filesKeepInputOrder() throws {
        let seed = try GovReportCtlProcess.fixture("kunwu-2020.txt")
        try withTemporaryDirectory { dir in
            let folder = dir.appendingPathComponent("not-a-file")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)

            for order in [[seed, folder], [folder, seed]] {
                let (run, reports, _) = try checkJSON(order.map(\.path))
                #expect(reports.map(\.file) == order.map(\.lastPathComponent))
                #expect(run.exitCode == 2)
            }

            let human = try GovReportCtlProcess.run(["check", seed.path, folder.path]).stdout
            let seedAt = try #require(human.range(of: "kunwu-2020.txt")).lowerBound
            let folderAt = try #require(human.range(of: "not-a-file")).lowerBound
            #expect(seedAt < folderAt)
        }
    }

    // MARK: Help and usage

    @Test("check --help documents the exit codes")
    func helpDocumentsExitCodes() throws {
        let run = try GovReportCtlProcess.run(["check", "--help"])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("Exit codes"))
        for code in ["0", "1", "2", "64"] {
            #expect(run.stdout.contains("\n  \(code) "), "exit code \(code)")
        }
    }

    @Test("govreportctl --help lists the check subcommand")
    func rootHelpListsCheck() throws {
        let run = try GovReportCtlProcess.run(["--help"])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("check"))
    }

    @Test("usage errors exit with 64", arguments: [["check"], ["check", "--no-such-option", "x"], ["no-such-command"]])
    func usageErrorExits64(_ arguments: [String]) throws {
        let run = try GovReportCtlProcess.run(arguments)
        #expect(run.exitCode == 64)
        #expect(!run.stderr.isEmpty)
    }

    // MARK: Helpers

    /// Runs `check --json`, checks that stdout is exactly one JSON array of objects, and decodes it.
    private func checkJSON(_ paths: [String]) throws -> (GovReportCtlProcess.Result, [Report], [[String: Any]]) {
        let run = try GovReportCtlProcess.run(["check", "--json"] + paths)
        let data = Data(run.stdout.utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [Any], "stdout is a JSON array")
        let objects = array.compactMap { $0 as? [String: Any] }
        #expect(objects.count == array.count, "every element is an object")
        #expect(objects.count == paths.count, "one object per input file")
        return (run, try JSONDecoder().decode([Report].self, from: data), objects)
    }

    private func expectedExitCode(_ status: ReportStatus) -> Int32 {
        switch status {
        case .valid, .warnings: 0
        case .invalid: 1
        case .rejected: 2
        }
    }

    /// The file's SHA-256 as `sha256sum` prints it.
    private func sha256sum(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    /// Terminal columns, independently of the tool's own helper: CJK and full-width characters take two.
    private func terminalWidth(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x2e80...0xa4cf).contains(v) || (0xac00...0xd7a3).contains(v) || (0xf900...0xfaff).contains(v)
                || (0xfe30...0xfe4f).contains(v) || (0xff00...0xff60).contains(v) || (0xffe0...0xffe6).contains(v)
                || v >= 0x20000
            return width + (wide ? 2 : 1)
        }
    }
}
