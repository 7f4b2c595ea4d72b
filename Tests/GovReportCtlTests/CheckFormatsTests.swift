import Foundation
import ReportModel
import Testing

/// `govreportctl check` reads every format by content: a real PDF through pdftotext, a Word document, and a
/// file whose name lies about its format.
@Suite("govreportctl check: PDF and DOCX")
struct CheckFormatsTests {
    @Test("check --json on a real PDF reads every value of its expected file")
    func realPDF() throws {
        let pdf = try GovReportCtlProcess.fixture("huaian-2024.pdf")
        let expected = try GovReportCtlProcess.fixture("huaian-2024.expected.json")
        let (run, report) = try checkJSON(pdf)
        #expect(run.exitCode == 0, "stderr: \(run.stderr)")
        #expect(report.format == "pdf")
        #expect(report.file == "huaian-2024.pdf")
        #expect(report.body == "淮安市人民政府")
        #expect(report.year == 2024)
        #expect(report.template == .gov2021)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expected)) as? [String: Any])
        let tables = try #require(json["tables"] as? [String: [String: [String: Any]]])
        var checked = 0
        for (tableKey, rows) in tables {
            let table = try #require(TableID(rawValue: tableKey))
            for (row, columns) in rows {
                for (column, value) in columns {
                    let want = try #require((value as? NSNumber)?.doubleValue)
                    let got = report.tables[table]?[row, column]?.value?.doubleValue
                    #expect(got == want, "\(tableKey).\(row).\(column): want \(want), got \(String(describing: got))")
                    checked += 1
                }
            }
        }
        #expect(checked == 200)
        #expect(!report.findings.contains { $0.severity == .error })
    }

    @Test("check --json on a Word document reads every value a person reads in it")
    func wordDocument() throws {
        let docx = try GovReportCtlProcess.fixture("tonglu-2022.docx")
        let truth = try GovReportCtlProcess.fixture("tonglu-2022.truth.json")
        let (run, report) = try checkJSON(docx)
        #expect(run.exitCode == 0, "stderr: \(run.stderr)")
        #expect(report.format == "docx")
        #expect(report.body == "桐庐县人民政府")
        #expect(report.year == 2022)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truth)) as? [String: Any])
        let values = try #require(json["values"] as? [String: Double])
        #expect(values.count > 150)
        for (flat, want) in values {
            let parts = flat.split(separator: ".").map(String.init)
            let table = try #require(TableID(rawValue: parts[0]))
            let row = parts[1..<(parts.count - 1)].joined(separator: ".")
            let got = report.tables[table]?[row, parts[parts.count - 1]]?.value?.doubleValue
            #expect(got == want, "\(flat): want \(want), got \(String(describing: got))")
        }
    }

    @Test("the format comes from the content: a PDF named .txt is still read as a PDF")
    func formatByContent() throws {
        let pdf = try GovReportCtlProcess.fixture("huaian-2024.pdf")
        try withTemporaryDirectory { dir in
            let renamed = dir.appendingPathComponent("report.txt")
            try FileManager.default.copyItem(at: pdf, to: renamed)
            let (run, report) = try checkJSON(renamed)
            #expect(run.exitCode == 0)
            #expect(report.format == "pdf")
            #expect(report.body == "淮安市人民政府")
        }
    }

    @Test("a truncated Word document is rejected with a reason, exit code 2")
    func truncatedWordDocument() throws {
        let docx = try GovReportCtlProcess.fixture("tonglu-2022.docx")
        try withTemporaryDirectory { dir in
            let cut = dir.appendingPathComponent("cut.docx")
            let bytes = try Data(contentsOf: docx)
            try bytes.prefix(bytes.count / 2).write(to: cut)
            let (run, report) = try checkJSON(cut)
            #expect(run.exitCode == 2)
            #expect(report.status == .rejected)
            #expect(report.findings.contains { $0.rule == RuleID.docFormat && $0.message.contains("不完整") })
        }
    }

    /// Runs `check --json FILE` and decodes its one report.
    private func checkJSON(_ file: URL) throws -> (GovReportCtlProcess.Result, Report) {
        let run = try GovReportCtlProcess.run(["check", "--json", file.path])
        let reports = try JSONDecoder().decode([Report].self, from: Data(run.stdout.utf8))
        return (run, try #require(reports.first, "one report"))
    }
}
