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

    // MARK: Golden DOCX fixtures (expected.json and truth.json are checked by GoldenFixtureTests)

    @Test("every DOCX fixture has only the values its document prints", arguments: names)
    func onlyPrintedValues(_ name: String) throws {
        let truth = try Truth.load(name)
        let report = try Self.process(name)
        #expect(report.format == "docx")
        let printed = Set(truth.values.keys)
        for (table, content) in report.tables {
            for (row, columns) in content.rows {
                for (column, cell) in columns where cell.value != nil {
                    let flat = "\(table.rawValue).\(row).\(column)"
                    #expect(printed.contains(flat), "\(name): \(flat) has a value the document does not print: \(describe(cell))")
                }
            }
        }
    }

    private func describe(_ cell: Cell?) -> String {
        guard let cell else { return "no such cell" }
        return "raw \"\(cell.raw)\" kind \(cell.kind.rawValue) value \(cell.value?.description ?? "null")"
    }
}
