import ControlProtocol
import Foundation
import ReportModel
import ReportStore
import Testing

/// `govreportctl export --format xlsx`, `--format csv --shape long` and the findings in the NDJSON export,
/// run as a child process against an in-process control server with known reports; the workbook is opened
/// with openpyxl and the CSV read with Python's `csv` module.
@Suite("govreportctl export formats")
struct ControlExportFormatsTests {
    /// Debian's Python, which has python3-openpyxl.
    static let python = "/usr/bin/python3"

    @Test("export --format xlsx --output writes a workbook openpyxl reads: values in place, Chinese, numbers")
    func workbookToFile() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let target = server.directory.appendingPathComponent("报告.xlsx")
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "xlsx",
                                                   "--output", target.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("3 份报告"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: server.directory.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        let read = try Self.readWorkbook(target)
        #expect(read["sheets"] as? [String] == ["汇总", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "问题"])
        let wide = try #require(read["wide"] as? [[Any]])
        #expect(wide.count == 3)
        #expect(wide.map { $0[0] as? String } == ["昆吾办", "昆吾办", "青丘办"])
        #expect(wide.map { $0[1] as? Int } == [2020, 2021, 2020])
        // t2.licensing.decisions: 73 in the seed report, typed as a number.
        #expect(wide.map { $0[2] as? Int } == [73, 73, 73])
        #expect(wide.map { $0[3] as? String } == ["n", "n", "n"])
        let findings = try #require(read["findings"] as? [[Any]])
        #expect(findings.count == (try Self.storedFindingCounts(server)).reduce(0, +))
        #expect(findings.count > 3 * 19)  // 19 of its own per report, and 2021's cross-year ones
        #expect(findings.first?[0] as? String == "昆吾办")
        #expect(findings.first?[2] as? String == "DOC-SHAPE-T3")
        #expect(findings.first?[4] as? String == "表三（依申请公开） / denied.state_secret")
    }

    @Test("every value of the xlsx summary, table and findings sheets matches the NDJSON export of the same reports")
    func workbookMatchesNDJSON() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let workbook = server.directory.appendingPathComponent("all.xlsx")
        let ndjson = server.directory.appendingPathComponent("all.ndjson")
        let xlsx = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "xlsx",
                                                    "--output", workbook.path])
        #expect(xlsx.exitCode == 0, "\(xlsx.stderr)")
        let json = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "ndjson",
                                                    "--output", ndjson.path])
        #expect(json.exitCode == 0, "\(json.stderr)")
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            reports = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
            def expected(rep, key):
                parts = key.split(".")
                cell = rep["tables"].get(parts[0], {}).get(".".join(parts[1:-1]), {}).get(parts[-1])
                if cell is None: return None
                if cell.get("value") is not None: return cell["value"]
                return cell["raw"].strip() or None
            problems, checked = [], 0
            s = wb["汇总"]
            keys = [c.value for c in s[2]]
            for i, rep in enumerate(reports):
                row = [c.value for c in s[3 + i]] + [None] * len(keys)
                if row[:5] != [rep["body"], rep["year"], rep["template"], rep["status"], rep["file"]]:
                    problems.append(["wide", i, row[:5]])
                for k in range(5, len(keys)):
                    checked += 1
                    if (row[k] if row[k] != "" else None) != expected(rep, keys[k]):
                        problems.append(["wide", i, keys[k], row[k], expected(rep, keys[k])])
            t4 = wb["表四 复议诉讼"]
            t4keys = [k for k in keys[5:] if k.startswith("t4.")]
            for i, rep in enumerate(reports):
                row = [c.value for c in t4[4 + i]][2:] + [None] * len(t4keys)
                for k, key in enumerate(t4keys):
                    checked += 1
                    if row[k] != expected(rep, key): problems.append(["t4", i, key, row[k]])
            f = wb["问题"]
            rows = [[c.value for c in r] for r in f.iter_rows(min_row=2)]
            want = [[rep["body"], rep["year"], x["rule"], x["severity"], x["message"], x.get("expected"), x.get("actual"),
                     x["fingerprint"]] for rep in reports for x in rep["findings"]]
            got = [r[:4] + [r[5], r[6], r[7], r[8]] for r in rows]
            if got != want: problems.append(["findings", len(got), len(want)])
            print(json.dumps({"problems": problems[:10], "checked": checked, "findings": len(got)}, ensure_ascii=False))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", script, workbook.path, ndjson.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((result["problems"] as? [Any])?.isEmpty == true, "\(result["problems"] ?? "")")
        #expect((result["checked"] as? Int ?? 0) > 3 * 200)
        #expect((result["findings"] as? Int ?? 0) > 3 * 19)
    }

    @Test("export --format xlsx without --output writes the workbook's bytes to standard output")
    func workbookToStandardOutput() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let target = server.directory.appendingPathComponent("stdout.xlsx")
        let shell = try await ControlCtlProcess.runShell(
            "exec \"$0\" --socket \"$1\" export --format xlsx --body 青丘办 > \"$2\"",
            [ControlCtlProcess.executable.path, server.socketPath, target.path])
        #expect(shell.exitCode == 0, "\(shell.stderr)")
        let bytes = try Data(contentsOf: target)
        #expect(Array(bytes.prefix(2)) == Array("PK".utf8))
        let read = try Self.readWorkbook(target)
        let wide = try #require(read["wide"] as? [[Any]])
        #expect(wide.map { $0[0] as? String } == ["青丘办"])
    }

    @Test("a failed xlsx export leaves no file and no temporary file behind")
    func failedWorkbookLeavesNothing() async throws {
        let directory = URL(fileURLWithPath: "/tmp/grc-x-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.xlsx")
        let run = try await ControlCtlProcess.run(["--socket", "/nonexistent/sock", "export", "--format", "xlsx",
                                                   "--output", target.path])
        #expect(run.exitCode == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("export --format csv --shape long: one row per cell, a BOM, and Python's csv module reads it back")
    func longCSV() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let target = server.directory.appendingPathComponent("long.csv")
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "csv",
                                                   "--shape", "long", "--body", "青丘办", "--output", target.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 份报告"))
        let bytes = try Data(contentsOf: target)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                rows = list(csv.reader(f))
            found = [r for r in rows if r[2:5] == ["t2", "licensing", "decisions"]]
            print(json.dumps({"header": rows[0], "count": len(rows) - 1, "bodies": sorted(set(r[0] for r in rows[1:])),
                              "licensing": found}, ensure_ascii=False))
            """
        let output = try Self.python(script, target.path)
        let header = try #require(output["header"] as? [String])
        #expect(header == ["body", "year", "table", "row", "column", "raw", "kind", "value", "unit", "inferred"])
        #expect(output["bodies"] as? [String] == ["青丘办"])
        #expect((output["count"] as? Int ?? 0) > 100)
        let licensing = try #require(output["licensing"] as? [[String]])
        #expect(licensing == [["青丘办", "2020", "t2", "licensing", "decisions", "73", "number", "73", "", "false"]])
    }

    @Test("--shape long is refused for formats other than csv, with the usage exit code")
    func longShapeNeedsCSV() async throws {
        let run = try await ControlCtlProcess.run(["--socket", "/nonexistent/sock", "export", "--format", "json",
                                                   "--shape", "long"])
        #expect(run.exitCode == 64)
        #expect(run.stderr.contains("--shape long"))
    }

    @Test("the NDJSON export carries each report's findings, which decode as a Report")
    func ndjsonFindings() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "export", "--format", "ndjson"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let reports = try run.stdout.split(separator: "\n").map {
            try ControlJSON.decoder.decode(Report.self, from: Data($0.utf8))
        }
        #expect(reports.count == 3)
        #expect(reports.map(\.findings.count) == (try Self.storedFindingCounts(server)))
        #expect(reports.allSatisfy { $0.findings.count >= 19 })
        #expect(reports.first?.findings.first?.rule == "DOC-SHAPE-T3")
        #expect(reports.first?.tables[.t2]?["licensing", "decisions"]?.value == .integer(73))
    }

    // MARK: - Helpers

    /// How many findings each current report has in the store, in export order.
    static func storedFindingCounts(_ server: ControlTestServer) throws -> [Int] {
        var counts: [Int] = []
        try server.store.forEachCurrentReportWithFindings { _, _, findings in counts.append(findings.count) }
        return counts
    }

    /// Opens the workbook with openpyxl: sheet names, the summary rows (body, year, t2.licensing.decisions and
    /// its type) and the findings rows.
    static func readWorkbook(_ url: URL) throws -> [String: Any] {
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            s = wb["汇总"]
            keys = [c.value for c in s[2]]
            col = keys.index("t2.licensing.decisions") + 1
            wide = [[s.cell(row=r, column=1).value, s.cell(row=r, column=2).value,
                     s.cell(row=r, column=col).value, s.cell(row=r, column=col).data_type]
                    for r in range(3, s.max_row + 1)]
            f = wb["问题"]
            findings = [[c.value for c in row] for row in f.iter_rows(min_row=2)]
            print(json.dumps({"sheets": wb.sheetnames, "wide": wide, "findings": findings}, ensure_ascii=False))
            """
        return try python(script, url.path)
    }

    /// Runs a Python script with one argument and decodes the JSON object it prints.
    static func python(_ script: String, _ argument: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, argument]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: errData, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: outData) as? [String: Any])
    }
}

extension ControlCtlProcess {
    /// Runs a `/bin/sh -c` script (with `$0`, `$1`, … from `arguments`), for redirecting binary output to a file.
    static func runShell(_ script: String, _ arguments: [String]) async throws -> Result {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script] + arguments
            let err = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["GOVREPORT_SOCKET"] = nil
            process.environment = environment
            try process.run()
            let errData = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(exitCode: process.terminationStatus, stdout: "",
                          stderr: String(decoding: errData, as: UTF8.self))
        }
    }
}
