import Foundation
import ReportModel
@testable import ReportParsing
import ReportValidation
import Testing

/// A Word document to text, and the DOCX golden fixtures (`golden/docx-*`) read the way `DocumentReader` reads
/// them: `Report(file: "input.docx", format: "docx")` into `ReportParser.parse(text:into:)`, then validated.
@Suite("DOCX reader")
struct DOCXReaderTests {
    static let names = Fixtures.goldenNames.filter { $0.hasPrefix("docx-") }
    static let updating = ProcessInfo.processInfo.environment["GOVREPORT_UPDATE_GOLDEN"] == "1"

    static func process(_ name: String) throws -> Report {
        let bytes = try Fixtures.bytes(Fixtures.goldenFolder(name).appendingPathComponent("input.docx"))
        return ReportValidator().validate(DocumentReader().read(bytes, fileName: "input.docx"))
    }

    @Test("the blank official template reads as its headings and table labels")
    func blankTemplate() throws {
        let bytes = try Fixtures.bytes(Fixtures.root.appendingPathComponent("templates/gov2021-blank.docx"))
        guard case .text(let text, _) = DOCXReader.read(bytes) else {
            Issue.record("the template was rejected")
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("二、主动公开政府信息情况"))
        #expect(lines.contains { $0.hasPrefix("第二十条第（一）项") })
        #expect(lines.contains("信息内容\t本年制发件数\t本年废止件数\t现行有效件数"))
        #expect(lines.contains { $0.hasPrefix("\t（三）不予公开\t1.属于国家秘密\t") })
        #expect(lines.contains("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t"))
    }

    @Test("the main part is found through the package relationships")
    func mainPartFromRelationships() throws {
        var zip = ZIPTestArchive()
        zip.add("_rels/.rels", Array("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="/word/document2.xml"/></Relationships>
            """.utf8))
        zip.add("word/document2.xml", Array(ZIPTestArchive.document(body: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>").utf8))
        #expect(DOCXReader.read(zip.bytes()) == .text("正文\n", encoding: nil))
    }

    @Test("a ZIP archive without a Word body is rejected, naming the missing part")
    func zipWithoutWordBody() throws {
        var zip = ZIPTestArchive()
        zip.add("xl/workbook.xml", Array("<workbook/>".utf8))
        guard case .rejected(let reason, _) = DOCXReader.read(zip.bytes()) else {
            Issue.record("a spreadsheet was read as a Word document")
            return
        }
        #expect(reason.contains("word/document.xml"))
    }

    @Test("a billion-laughs body inside a DOCX is rejected quickly, with a reason")
    func billionLaughs() throws {
        var entities = "<!ENTITY a \"aaaaaaaaaa\">"
        for k in 1...12 { entities += "<!ENTITY a\(k) \"" + String(repeating: "&a\(k == 1 ? "" : String(k - 1));", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE w:document [\(entities)]><w:document><w:body><w:p><w:r><w:t>&a12;</w:t></w:r></w:p></w:body></w:document>"
        var zip = ZIPTestArchive()
        zip.add("word/document.xml", Array(xml.utf8))
        let start = ContinuousClock.now
        let report = DocumentReader().read(zip.bytes(), fileName: "laughs.docx")
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(report.status == .rejected)
        #expect(report.format == "docx")
        #expect(report.findings.contains { $0.rule == RuleID.docFormat && $0.message.contains("DOCTYPE") })
    }

    @Test("a truncated DOCX is rejected by DocumentReader with a clear reason")
    func truncatedDOCX() throws {
        let bytes = try Fixtures.bytes(Fixtures.goldenFolder("docx-gov2021").appendingPathComponent("input.docx"))
        let report = DocumentReader().read(Array(bytes.prefix(bytes.count / 2)), fileName: "half.docx")
        #expect(report.status == .rejected)
        #expect(report.tables.isEmpty)
        #expect(report.findings.map(\.message) == ["Word文档（DOCX）不完整，可能下载或复制时被截断"])
    }

    // MARK: Golden DOCX fixtures

    @Test("there are DOCX golden fixtures")
    func fixturesExist() {
        #expect(Self.names.count >= 3, "\(Self.names)")
    }

    @Test("DOCX parse + validate output equals expected.json byte for byte", arguments: names)
    func matchesExpectedJSON(_ name: String) throws {
        let report = try Self.process(name)
        #expect(report.format == "docx")
        #expect(report.file == "input.docx")
        let actual = try Fixtures.encode(report)
        if Self.updating {
            let target = Fixtures.sourceRoot.appendingPathComponent("golden").appendingPathComponent(name)
                .appendingPathComponent("expected.json")
            try actual.write(to: target, options: .atomic)
            return
        }
        let url = Fixtures.goldenFolder(name).appendingPathComponent("expected.json")
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("\(name): no expected.json; generate it with GOVREPORT_UPDATE_GOLDEN=1 and review it")
            return
        }
        if expected != actual {
            let diff = lineDiff(expected: String(decoding: expected, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self))
            Issue.record("\(name): output differs from expected.json\n\(diff)")
        }
    }

    @Test("every DOCX fixture parses to exactly its values (truth.json)", arguments: names)
    func agreesWithTruth(_ name: String) throws {
        let truth = try Truth.load(name)
        let report = try Self.process(name)
        let rules = Set(report.findings.map(\.rule))
        let context = "\(name) [status \(report.status.rawValue); rules \(rules.sorted().joined(separator: " "))]"
        #expect(report.template?.rawValue == truth.template, "\(context): template")
        #expect(report.year == truth.year, "\(context): year")
        #expect(report.body == truth.body, "\(context): body")
        if case .some(let title) = truth.title { #expect(report.title == title, "\(context): title") }
        if let status = truth.status { #expect(report.status.rawValue == status, "\(context): status") }
        for status in truth.statusNot { #expect(report.status.rawValue != status, "\(context): status must not be \(status)") }

        for (flat, value) in truth.values.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.value.map { sameNumber($0.doubleValue, value) } == true,
                    "\(name): \(flat) should be \(CellValue.format(value)), got \(describe(cell))")
        }
        for (flat, kind) in truth.kinds.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.kind.rawValue == kind, "\(name): \(flat) should be kind \(kind), got \(describe(cell))")
        }
        for (flat, raw) in truth.raws.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.raw == raw, "\(name): \(flat) should print \"\(raw)\", got \(describe(cell))")
        }
        // Exactly its values: every number cell of the report is one the document printed.
        let printed = Set(truth.values.keys)
        for (table, content) in report.tables {
            for (row, columns) in content.rows {
                for (column, cell) in columns where cell.value != nil {
                    let flat = "\(table.rawValue).\(row).\(column)"
                    #expect(printed.contains(flat), "\(name): \(flat) has a value the document does not print: \(describe(cell))")
                }
            }
        }
        for rule in truth.rules { #expect(rules.contains(rule), "\(context): finding \(rule) expected") }
        for rule in truth.noRules {
            let found = report.findings.filter { $0.rule == rule }.map(\.message)
            #expect(found.isEmpty, "\(name): no \(rule) expected, got: \(found.joined(separator: " | "))")
        }
    }

    private func cell(_ report: Report, _ flat: String) throws -> Cell? {
        let name = try FlatName(flat)
        return report.tables[name.table]?[name.row, name.column]
    }

    private func describe(_ cell: Cell?) -> String {
        guard let cell else { return "no such cell" }
        return "raw \"\(cell.raw)\" kind \(cell.kind.rawValue) value \(cell.value?.description ?? "null")"
    }
}
