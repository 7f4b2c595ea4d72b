import Foundation
import ReportModel
import ReportParsing
import Testing

/// A converter that answers with a fixed result and remembers what it was asked.
struct FixedConverter: DocumentConverter {
    let result: ConversionResult

    func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult { result }
}

@Suite("Document reader")
struct DocumentReaderTests {
    let tabReport: [UInt8] = {
        let url = Fixtures.goldenFolder("tab-gov2021").appendingPathComponent("input.txt")
        return [UInt8](FileManager.default.contents(atPath: url.path) ?? Data())
    }()

    func formatFinding(_ report: Report) -> String? {
        report.findings.first { $0.rule == RuleID.docFormat }?.message
    }

    @Test("text goes through the text pipeline unchanged")
    func text() {
        #expect(!tabReport.isEmpty)
        let report = DocumentReader().read(tabReport, fileName: "a.pdf")
        #expect(report == ReportParser().parse(tabReport, fileName: "a.pdf"))
        #expect(report.format == "txt" && report.template == .gov2021)
    }

    @Test("a web page goes through the HTML reader, whatever its name")
    func html() {
        let text = String(decoding: tabReport, as: UTF8.self)
        let page = "<!DOCTYPE html><html><body>" + text.split(separator: "\n").map { line in
            line.contains("\t") ? "<table><tr><td>" + line.replacingOccurrences(of: "\t", with: "</td><td>") + "</td></tr></table>"
                : "<p>\(line)</p>"
        }.joined(separator: "\n") + "</body></html>"
        let report = DocumentReader().read(Array(page.utf8), fileName: "report.txt")
        #expect(report.format == "html")
        #expect(report.encoding == "utf-8")
        #expect(report.template == .gov2021)
        #expect(report.status != .rejected)
        #expect(report.value(.t2, "licensing", "decisions") == ReportParser().parse(tabReport, fileName: "x")
            .value(.t2, "licensing", "decisions"))
    }

    @Test("PDF and legacy Word without a converter are rejected, naming the package to install")
    func noConverter() {
        let pdf = DocumentReader().outcome(Array("%PDF-1.4\n".utf8), fileName: "a.pdf")
        #expect(pdf.report.status == .rejected && pdf.report.format == "pdf" && !pdf.isTransient)
        #expect(formatFinding(pdf.report)?.contains("poppler-utils") == true)
        let doc = DocumentReader().read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], fileName: "a.doc")
        #expect(doc.format == "doc" && doc.status == .rejected)
        #expect(formatFinding(doc)?.contains("antiword") == true)
        #expect(doc.tables.isEmpty)
    }

    @Test("converted text goes through the text pipeline")
    func converted() {
        let reader = DocumentReader(converter: FixedConverter(result: .text(String(decoding: tabReport, as: UTF8.self))))
        let report = reader.read(Array("%PDF-1.4\n".utf8), fileName: "a.pdf")
        #expect(report.format == "pdf")
        #expect(report.template == .gov2021)
        #expect(report.status != .rejected)
    }

    @Test("a converter's failure is a rejection; a passing one is transient")
    func converterFailure() {
        let busy = DocumentReader(converter: FixedConverter(result: .failed(reason: "转换超时", permanent: false)))
        let outcome = busy.outcome(Array("%PDF-1.4\n".utf8), fileName: "a.pdf")
        #expect(outcome.isTransient)
        #expect(outcome.report.status == .rejected && formatFinding(outcome.report) == "转换超时")
        let broken = DocumentReader(converter: FixedConverter(result: .failed(reason: "PDF已损坏", permanent: true)))
        #expect(!broken.outcome(Array("%PDF-1.4\n".utf8), fileName: "a.pdf").isTransient)
    }

    @Test("unsupported files are rejected with the sniffer's reason")
    func unsupported() {
        let outcome = DocumentReader().outcome([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], fileName: "report.txt")
        #expect(outcome.report.format == "unsupported")
        #expect(outcome.report.status == .rejected && !outcome.isTransient)
        #expect(formatFinding(outcome.report) == "文件是PNG图片，不是年度报告；如为扫描件，请提供文字版（需OCR）")
    }

    @Test("a DOCX goes to the DOCX reader")
    func docx() {
        let zip = storedZIP([("word/document.xml", Array("<w:document/>".utf8))])
        #expect(DocumentReader().read(zip, fileName: "a.zip").format == "docx")
    }

    @Test("a rejected web page keeps its format and charset")
    func rejectedPage() {
        let report = DocumentReader().read(Array("<html><body><div id=\"app\"></div></body></html>".utf8), fileName: "a.html")
        #expect(report.format == "html" && report.encoding == "utf-8" && report.status == .rejected)
        #expect(formatFinding(report)?.contains("应用框架") == true)
    }
}
