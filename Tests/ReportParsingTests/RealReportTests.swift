import Foundation
import ReportModel
import Testing

/// A real published report (淮安市人民政府 2024, a public document) read from its PDF's text layer, the way the
/// service reads PDFs: `pdftotext -layout` and plain `pdftotext` (poppler-utils). Every value of
/// `huaian-2024.expected.json` was read by hand from the PDF.
@Suite("Real report: huaian-2024.pdf")
struct RealReportTests {
    static let pdf = Fixtures.root.appendingPathComponent("real/huaian-2024.pdf")
    static let expected = Fixtures.root.appendingPathComponent("real/huaian-2024.expected.json")

    /// The pdftotext arguments before the file name.
    static let modes: [[String]] = [["-layout"], []]

    @Test("every printed value is read, with no false errors", arguments: modes)
    func readsEveryValue(_ mode: [String]) throws {
        guard let pdftotext = Self.pdftotextPath() else {
            Issue.record("pdftotext is not installed: install poppler-utils (apt-get install poppler-utils); CI installs it")
            return
        }
        let text = try Self.run(pdftotext, mode + [Self.pdf.path, "-"])
        let name = "pdftotext \(mode.joined(separator: " "))".trimmingCharacters(in: .whitespaces)
        let report = Fixtures.process(text, fileName: "huaian-2024.txt")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.expected)) as? [String: Any])
        #expect(report.template == .gov2021, "\(name): template")
        #expect(report.year == 2024, "\(name): year")
        #expect(report.body == "淮安市人民政府", "\(name): body")
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
                            "\(name): \(tableKey).\(row).\(column) should be \(CellValue.format(want)), got \(shown ?? "no cell")")
                    checked += 1
                }
            }
        }
        // t2 (3 + 3 + 1 + 1 + 1 + 1) + t3 (25 × 7) + t4 (3 × 5)
        #expect(checked == 10 + 175 + 15, "values in the expected file: \(checked)")

        let errors = report.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name): false errors: \(errors.map { "\($0.rule) \($0.location.flatName): \($0.message)" })")
        #expect(report.status != .invalid && report.status != .rejected, "\(name): status \(report.status.rawValue)")
    }

    /// `/usr/bin/pdftotext`, or the first `pdftotext` on PATH.
    static func pdftotextPath() -> String? {
        var candidates = ["/usr/bin/pdftotext"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map { "\($0)/pdftotext" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program and returns its standard output; throws when it fails.
    static func run(_ executable: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RunError(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
                           stderr: String(decoding: errors, as: UTF8.self))
        }
        return [UInt8](data)
    }

    struct RunError: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let stderr: String
        var description: String { "\(command) exited with \(status): \(stderr)" }
    }
}
