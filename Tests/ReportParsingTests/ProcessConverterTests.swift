import DocumentConversion
import Foundation
import ReportModel
import ReportParsing
import Testing

/// PDF and legacy Word through their converter programs: text, rejections with reasons, and a converter that
/// hangs killed at the time limit.
@Suite("Process converter")
struct ProcessConverterTests {
    static let pdf = Fixtures.root.appendingPathComponent("real/huaian-2024.pdf")

    /// A one-page PDF with nothing drawn on it (what a scan looks like to pdftotext: no text layer).
    static let blankPDF: [UInt8] = Array("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
        4 0 obj << /Length 0 >> stream
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    @Test("a real PDF converts to text in which the tables' labels and numbers are on their lines")
    func realPDF() throws {
        let result = ProcessConverter().text(of: try Fixtures.bytes(Self.pdf), format: .pdf)
        guard case .text(let text) = result else {
            Issue.record("not converted: \(result)")
            return
        }
        #expect(text.contains("淮安市人民政府"))
        #expect(text.contains("本机关不掌握相关政府信息"))
        #expect(text.contains("\u{0C}"), "pages end with a form feed")
    }

    @Test("a PDF without a text layer is rejected: it needs OCR")
    func scannedPDF() {
        let result = ProcessConverter().text(of: Self.blankPDF, format: .pdf)
        #expect(result == .failed(reason: "PDF没有文字层（可能是扫描件），需要先进行OCR文字识别", permanent: true))
    }

    @Test("a corrupt PDF is rejected with pdftotext's reason")
    func corruptPDF() {
        let bytes = Array("%PDF-1.7\n\u{1}\u{2} this is not a PDF body at all\n".utf8)
        guard case .failed(let reason, let permanent) = ProcessConverter().text(of: bytes, format: .pdf) else {
            Issue.record("a corrupt PDF gave text")
            return
        }
        #expect(permanent)
        #expect(reason.contains("PDF文件无法转换"), "\(reason)")
    }

    @Test("a converter that hangs is killed with its process group at the time limit; a temporary failure")
    func hangingConverter() throws {
        try withScript("""
            #!/bin/sh
            sleep 60 &
            echo $! > "$(dirname "$0")/child.pid"
            wait
            """) { script, dir in
            let converter = ProcessConverter(pdftotext: script, timeout: .milliseconds(700))
            let start = ContinuousClock.now
            let result = converter.text(of: Self.blankPDF, format: .pdf)
            let took = ContinuousClock.now - start
            #expect(took < .seconds(5), "took \(took)")
            guard case .failed(let reason, let permanent) = result else {
                Issue.record("a hung converter gave text")
                return
            }
            #expect(!permanent)
            #expect(reason.contains("超时"), "\(reason)")
            // The script's own child (same process group) is gone too.
            let pid = try String(contentsOf: dir.appendingPathComponent("child.pid"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var alive = true
            for _ in 0..<100 where alive {
                let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                    .split(separator: ")").last?.split(separator: " ").first
                alive = state != nil && state != "Z"
                if alive { Thread.sleep(forTimeInterval: 0.02) }
            }
            #expect(!alive, "the converter's child \(pid) still runs")
        }
    }

    @Test("output over the limit is refused")
    func outputLimit() throws {
        try withScript("#!/bin/sh\nhead -c 3000000 /dev/zero\n") { script, _ in
            let converter = ProcessConverter(pdftotext: script, outputLimit: 1 << 20)
            guard case .failed(let reason, let permanent) = converter.text(of: Self.blankPDF, format: .pdf) else {
                Issue.record("too much output was accepted")
                return
            }
            #expect(permanent)
            #expect(reason.contains("超过"), "\(reason)")
        }
    }

    @Test("the temporary copy of the document is removed afterwards")
    func temporaryFileRemoved() throws {
        try withScript("#!/bin/sh\ncat \"$4\"\n") { script, dir in
            let tmp = dir.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let converter = ProcessConverter(pdftotext: script, temporaryDirectory: tmp.path)
            let text = String(repeating: "政府信息公开工作年度报告 ", count: 10)
            #expect(converter.text(of: Array(text.utf8), format: .pdf) == .text(text))
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
        }
    }

    @Test("legacy Word without antiword or catdoc is rejected, naming the packages to install")
    func docWithoutConverters() {
        let converter = ProcessConverter(docConverters: ["/nonexistent/antiword", "/nonexistent/catdoc"])
        guard case .failed(let reason, _) = converter.text(of: [0xD0, 0xCF, 0x11, 0xE0], format: .doc) else {
            Issue.record("converted without a converter")
            return
        }
        #expect(reason.contains("apt-get install antiword catdoc"))
    }

    @Test("legacy Word goes through the first converter that succeeds")
    func docConverterChain() throws {
        try withScript("#!/bin/sh\nexit 3\n") { failing, dir in
            let working = dir.appendingPathComponent("working.sh")
            try "#!/bin/sh\necho 旧版Word正文\n".write(to: working, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: working.path)
            let converter = ProcessConverter(docConverters: [failing, working.path])
            #expect(converter.text(of: [0xD0, 0xCF], format: .doc) == .text("旧版Word正文\n"))
        }
    }

    @Test("DocumentReader reads a PDF through the converter and says why when it cannot")
    func documentReaderPDF() throws {
        let reader = DocumentReader(converter: ProcessConverter())
        let report = reader.read(Self.blankPDF, fileName: "scan.pdf")
        #expect(report.format == "pdf")
        #expect(report.status == .rejected)
        #expect(report.findings.first?.message.contains("OCR") == true)
        let noConverter = DocumentReader().read(Self.blankPDF, fileName: "scan.pdf")
        #expect(noConverter.status == .rejected)
    }

    /// Calls `body` with an executable shell script in a new directory.
    func withScript(_ script: String, _ body: (String, URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("converter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("tool.sh")
        try script.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try body(url.path, dir)
    }
}
