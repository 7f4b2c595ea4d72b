import Foundation
import ReportExport
import ReportModel
import ReportStore
import Testing

/// Workbooks written by `ReportWorkbook`, opened by a real spreadsheet reader (openpyxl, Debian's
/// python3-openpyxl, installed by scripts/setup) and checked cell by cell.
@Suite("report workbook")
struct ReportWorkbookTests {
    /// Debian's Python, which has python3-openpyxl (another python3 on PATH may not).
    static let python = "/usr/bin/python3"

    @Test("sheets, Chinese labels, typed numbers and merged headers read back in openpyxl")
    func readsBackInOpenpyxl() throws {
        var first = SyntheticReport.make(body: "昆明市五华区人民政府", year: 2021, new: 30)
        first.tables[.t3]?["new", "commercial"] = Cell(raw: "—", kind: .empty)
        first.findings = [.error("T3-SUM-ROW", "表三“本年新收”总计与各列之和不符：应为30，实为31。",
                                 at: FindingLocation(section: .s3, table: .t3, row: "new", column: "total"),
                                 expected: .integer(30), actual: .integer(31))]
        let second = SyntheticReport.make(body: "淮安市人民政府办公室", year: 2019)

        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("reports.xlsx")
            let workbook = try ReportWorkbook(temporaryDirectory: dir)
            try workbook.add(first)
            try workbook.add(second)
            try workbook.write(to: url)

            let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames}
            def cell(ws, ref):
                c = ws[ref]
                return [c.value, c.data_type]
            s = wb["汇总"]
            header = [c.value for c in s[2]]
            col = header.index("t3.new.total") + 1
            out["wide"] = [cell(s, "A3"), cell(s, "B3"), s.cell(row=3, column=col).value,
                           s.cell(row=3, column=col).data_type,
                           s.cell(row=3, column=header.index("t3.new.commercial") + 1).value,
                           s.cell(row=4, column=col).value, s.cell(row=1, column=col).value]
            t3 = wb["表三 依申请公开"]
            out["t3"] = [t3["D1"].value, t3["E2"].value, t3["E3"].value, t3["J2"].value, t3["C4"].value,
                         cell(t3, "J4")]
            out["t3merged"] = sorted(str(r) for r in t3.merged_cells.ranges)
            t4 = wb["表四 复议诉讼"]
            out["t4"] = [t4["C1"].value, t4["H1"].value, t4["H2"].value, t4["M2"].value, t4["C4"].data_type, t4.max_row]
            f = wb["问题"]
            out["findings"] = [f.max_row, f["C2"].value, f["F2"].value, cell(f, "G2"), cell(f, "H2")]
            print(json.dumps(out, ensure_ascii=False))
            """
            let output = try run(Self.python, ["-c", script, url.path])
            #expect(output.status == 0, "\(output.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])

            #expect(json["sheets"] as? [String] == ["汇总", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "问题"])
            let wide = try #require(json["wide"] as? [Any])
            #expect((wide[0] as? [Any])?.first as? String == "昆明市五华区人民政府")
            #expect((wide[1] as? [Any])?.first as? Int == 2021)
            #expect(wide[2] as? Int == 30)
            #expect(wide[3] as? String == "n", "numbers are typed as numbers")
            #expect(wide[4] as? String == "—", "a dash cell keeps what was printed")
            #expect(wide[5] as? Int == 12)
            #expect((wide[6] as? String)?.contains("本年新收") == true)

            let t3 = try #require(json["t3"] as? [Any])
            #expect(t3[0] as? String == "申请人情况")
            #expect(t3[1] as? String == "法人或其他组织")
            #expect(t3[2] as? String == "商业企业")
            #expect(t3[3] as? String == "总计")
            #expect((t3[4] as? String)?.contains("本年新收") == true)
            #expect((t3[5] as? [Any])?.first as? Int == 30)
            #expect((t3[5] as? [Any])?.last as? String == "n")
            let merged = try #require(json["t3merged"] as? [String])
            #expect(Set(merged).isSuperset(of: ["A1:A3", "D1:J1", "E2:I2", "D2:D3", "J2:J3"]), "\(merged)")

            let t4 = try #require(json["t4"] as? [Any])
            #expect(t4[0] as? String == "行政复议")
            #expect(t4[1] as? String == "行政诉讼")
            #expect(t4[2] as? String == "未经复议直接起诉")
            #expect(t4[3] as? String == "复议后起诉")
            #expect(t4[4] as? String == "n")
            #expect(t4[5] as? Int == 5, "three header rows and one row per report")

            let findings = try #require(json["findings"] as? [Any])
            #expect(findings[0] as? Int == 2)
            #expect(findings[1] as? String == "T3-SUM-ROW")
            #expect((findings[2] as? String)?.contains("应为30") == true)
            #expect((findings[3] as? [Any])?.first as? Int == 30)
            #expect((findings[4] as? [Any])?.first as? Int == 31)
        }
    }

    @Test("a workbook is a valid ZIP even with no reports")
    func emptyWorkbook() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("empty.xlsx")
            try ReportWorkbook(temporaryDirectory: dir).write(to: url)
            let output = try run(Self.python, ["-c", "import sys, openpyxl; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))", url.path])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "5")
        }
    }
}

/// What a child process printed and how it ended.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to its end, capturing its output.
func run(_ executable: String, _ arguments: [String]) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// A new empty directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("govreport-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
