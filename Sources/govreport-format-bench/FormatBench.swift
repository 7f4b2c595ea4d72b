import DocumentConversion
import Foundation
import ReportModel
import ReportParsing
import ReportValidation

/// Throughput of the DOCX reader and the PDF converter on one thread, next to their baselines: the text
/// pipeline alone for DOCX, `pdftotext` run directly for PDF.
///
/// Run it as `swift run -c release govreport-format-bench [DOCX…] [--pdf FILE] [--reports N]`; without files it
/// uses the DOCX golden fixtures and the real PDF of the test fixtures.
@main
struct FormatBench {
    static func main() throws {
        #if DEBUG
        print("warning: debug build; measure with `swift run -c release govreport-format-bench`\n")
        #endif
        var arguments = Array(CommandLine.arguments.dropFirst())
        var reports = 5_000
        var pdfRuns = 20
        var pdf = root.appendingPathComponent("Tests/ReportParsingTests/Fixtures/real/huaian-2024.pdf").path
        if let i = arguments.firstIndex(of: "--reports"), i + 1 < arguments.count {
            reports = Int(arguments[i + 1]) ?? reports
            arguments.removeSubrange(i...(i + 1))
        }
        if let i = arguments.firstIndex(of: "--pdf-runs"), i + 1 < arguments.count {
            pdfRuns = Int(arguments[i + 1]) ?? pdfRuns
            arguments.removeSubrange(i...(i + 1))
        }
        if let i = arguments.firstIndex(of: "--pdf"), i + 1 < arguments.count {
            pdf = arguments[i + 1]
            arguments.removeSubrange(i...(i + 1))
        }
        let docxPaths = arguments.isEmpty ? defaultDOCX() : arguments
        try benchDOCX(docxPaths, reports: reports)
        try benchPDF(pdf, runs: pdfRuns)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func defaultDOCX() -> [String] {
        let golden = root.appendingPathComponent("Tests/ReportParsingTests/Fixtures/golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return names.filter { $0.hasPrefix("docx-") }.sorted()
            .map { golden.appendingPathComponent($0).appendingPathComponent("input.docx").path }
    }

    static func benchDOCX(_ paths: [String], reports: Int) throws {
        let inputs = try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
        guard !inputs.isEmpty else { return }
        let texts = inputs.map { bytes -> String in
            if case .text(let text, _) = DOCXReader.read(bytes) { return text }
            return ""
        }
        let reader = DocumentReader()
        let parser = ReportParser()
        let validator = ReportValidator()
        print("DOCX: \(inputs.count) documents (\(inputs.map(\.count).reduce(0, +) / inputs.count) bytes on average), \(reports) reports per stage")
        for i in 0..<200 { _ = validator.validate(reader.read(inputs[i % inputs.count], fileName: "input.docx")) }

        var sink = 0
        let textOnly = measure {
            for i in 0..<reports {
                if case .text(let text, _) = DOCXReader.read(inputs[i % inputs.count]) { sink &+= text.utf8.count }
            }
        }
        let pipeline = measure {
            for i in 0..<reports {
                let base = Report(file: "input.docx", format: "docx")
                sink &+= validator.validate(parser.parse(text: texts[i % texts.count], into: base)).findings.count
            }
        }
        let whole = measure {
            for i in 0..<reports {
                sink &+= validator.validate(reader.read(inputs[i % inputs.count], fileName: "input.docx")).findings.count
            }
        }
        for (name, seconds) in [("DOCX → text (ZIP + XML)", textOnly), ("text → report (parse + validate)", pipeline),
                                ("DOCX → report (all)", whole)] {
            print("  " + pad(name) + String(format: "%8.0f reports/s  %8.1f µs/report",
                                            Double(reports) / seconds, seconds / Double(reports) * 1e6))
        }
        if sink == 42 { print("") }
    }

    static func benchPDF(_ path: String, runs: Int) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let converter = ProcessConverter()
        let reader = DocumentReader(converter: converter)
        print("PDF: \(path) (\(bytes.count) bytes), \(runs) runs per stage")
        var sink = 0
        let direct = measure {
            for _ in 0..<runs { sink &+= runPDFToText(path) }
        }
        let converted = measure {
            for _ in 0..<runs {
                if case .text(let text) = converter.text(of: bytes, format: .pdf) { sink &+= text.utf8.count }
            }
        }
        let whole = measure {
            for _ in 0..<runs { sink &+= reader.read(bytes, fileName: "input.pdf").findings.count }
        }
        for (name, seconds) in [("pdftotext -layout alone", direct), ("ProcessConverter", converted),
                                ("PDF → report (all)", whole)] {
            print("  " + pad(name) + String(format: "%8.1f ms/document  %5.2f× pdftotext",
                                            seconds / Double(runs) * 1e3, seconds / direct))
        }
        if sink == 42 { print("") }
    }

    /// Runs `pdftotext -layout -enc UTF-8 FILE -` directly; the byte count of its output.
    static func runPDFToText(_ path: String) -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return 0 }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data.count
    }

    static func pad(_ s: String) -> String {
        s + String(repeating: " ", count: max(1, 36 - s.count))
    }

    /// Wall-clock seconds of `body`.
    static func measure(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
