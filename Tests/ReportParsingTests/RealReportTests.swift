import DocumentConversion
import Foundation
import ReportModel
import ReportParsing
import ReportValidation
import Testing

/// A real published report (淮安市人民政府 2024, a public document) read from its PDF the way the service reads
/// PDFs: `DocumentReader` with `ProcessConverter` (poppler's `pdftotext -layout`), then validated; and from
/// plain `pdftotext` output (no layout: one cell per line), which the text pipeline must read as well. Every
/// value of `huaian-2024.expected.json` was read by hand from the PDF.
@Suite("Real report: huaian-2024.pdf")
struct RealReportTests {
    static let pdf = Fixtures.root.appendingPathComponent("real/huaian-2024.pdf")
    static let expected = Fixtures.root.appendingPathComponent("real/huaian-2024.expected.json")

    @Test("every printed value is read, with no false errors", arguments: ["layout", "plain"])
    func readsEveryValue(_ mode: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            Issue.record("pdftotext is not installed: install poppler-utils (apt-get install poppler-utils); CI installs it")
            return
        }
        let converter: any DocumentConverter = mode == "layout" ? ProcessConverter() : PlainPDFText()
        let reader = DocumentReader(converter: converter)
        let report = ReportValidator().validate(reader.read(try Fixtures.bytes(Self.pdf), fileName: "huaian-2024.pdf"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.expected)) as? [String: Any])
        #expect(report.format == "pdf")
        #expect(report.template == .gov2021, "template")
        #expect(report.year == 2024, "year")
        #expect(report.body == "淮安市人民政府", "body")
        #expect(json["body"] as? String == "淮安市人民政府")

        let tables = try #require(json["tables"] as? [String: [String: [String: Any]]])
        var checked = 0
        for (tableKey, rows) in tables.sorted(by: { $0.key < $1.key }) {
            let table = try #require(TableID(rawValue: tableKey))
            for (row, columns) in rows.sorted(by: { $0.key < $1.key }) {
                for (column, value) in columns.sorted(by: { $0.key < $1.key }) {
                    let want = try #require((value as? NSNumber)?.doubleValue, "\(tableKey).\(row).\(column)")
                    let cell = report.tables[table]?[row, column]
                    let got = cell?.value?.doubleValue
                    let shown = cell.map { "raw \"\($0.raw)\" kind \($0.kind.rawValue) value \($0.value?.description ?? "null")" }
                    #expect(got.map { sameNumber($0, want) } == true,
                            "\(tableKey).\(row).\(column) should be \(CellValue.format(want)), got \(shown ?? "no cell")")
                    checked += 1
                }
            }
        }
        // t2 (3 + 3 + 1 + 1 + 1 + 1) + t3 (25 × 7) + t4 (3 × 5)
        #expect(checked == 10 + 175 + 15, "values in the expected file: \(checked)")

        let errors = report.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "false errors: \(errors.map { "\($0.rule) \($0.location.flatName): \($0.message)" })")
        #expect(report.status != .invalid && report.status != .rejected, "status \(report.status.rawValue)")
    }
}

/// Plain `pdftotext` (reading order, no layout), for the test of text in that shape.
private struct PlainPDFText: DocumentConverter {
    func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(bytes).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            process.arguments = ["-enc", "UTF-8", file.path, "-"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return .failed(reason: "pdftotext failed", permanent: true) }
            return .text(String(decoding: data, as: UTF8.self))
        } catch {
            return .failed(reason: "\(error)", permanent: true)
        }
    }
}
