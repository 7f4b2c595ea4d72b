import DocumentConversion
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReportModel
import ReportParsing
import ReportValidation

/// Throughput of the HTML and DOCX readers and the PDF converter on one thread, next to their baselines: the
/// text pipeline alone for HTML and DOCX (reader only, pipeline only, and both end to end, in one run), and
/// `pdftotext` run directly for PDF.
///
/// Run it as `swift run -c release govreport-format-bench [DOCX…] [--pdf FILE] [--reports N] [--no-pdf]`;
/// without files it uses the HTML and DOCX golden fixtures and the real PDF of the test fixtures.
@main
struct FormatBench {
    static let usage = """
        usage: govreport-format-bench [DOCX…] [--reports N] [--pdf FILE] [--pdf-runs N] [--no-pdf]
               govreport-format-bench --html-text-only [HTML…]
               govreport-format-bench --docx-text-only [DOCX…]
               govreport-format-bench --digest FILE…
        Without files it reads the HTML and DOCX golden fixtures and the real PDF of the tests.
        """

    static func main() throws {
        #if DEBUG
        print("warning: debug build; measure with `swift run -c release govreport-format-bench`\n")
        #endif
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("--help") || arguments.contains("-h") {
            print(Self.usage)
            return
        }
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
        var withPDF = true
        if let i = arguments.firstIndex(of: "--no-pdf") {
            arguments.remove(at: i)
            withPDF = false
        }
        // `--digest FILE…`: a digest of the text each file reads as, to compare two builds' readers.
        if let i = arguments.firstIndex(of: "--digest") {
            arguments.remove(at: i)
            for path in arguments {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                let output = FormatSniffer.sniff(bytes).format == .html ? HTMLReader.read(bytes) : DOCXReader.read(bytes)
                var text = ""
                switch output {
                case .text(let t, let encoding): text = "text \(encoding ?? "-")\n" + t
                case .rejected(let reason, _): text = "rejected\n" + reason
                }
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                for c in text.utf8 { hash = (hash ^ UInt64(c)) &* 0x100_0000_01B3 }
                print(String(hash, radix: 16), text.utf8.count, path)
            }
            return
        }
        // `--html-text-only`: only HTML → text, for counting instructions with callgrind or `perf stat`.
        if let i = arguments.firstIndex(of: "--html-text-only") {
            arguments.remove(at: i)
            let inputs = try (arguments.isEmpty ? defaultHTML() : arguments)
                .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
            var sink = 0
            for k in 0..<reports {
                if case .text(let text, _) = HTMLReader.read(inputs[k % inputs.count]) { sink &+= text.utf8.count }
            }
            print("HTML → text: \(reports) reports, \(sink / reports) bytes of text each")
            return
        }
        // `--docx-text-only`: only DOCX → text, for counting instructions with `perf stat` on a busy machine.
        if let i = arguments.firstIndex(of: "--docx-text-only") {
            arguments.remove(at: i)
            let inputs = try (arguments.isEmpty ? defaultDOCX() : arguments).map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
            var sink = 0
            for k in 0..<reports {
                if case .text(let text, _) = DOCXReader.read(inputs[k % inputs.count]) { sink &+= text.utf8.count }
            }
            print("DOCX → text: \(reports) reports, \(sink / reports) bytes of text each")
            return
        }
        let docxPaths = arguments.isEmpty ? defaultDOCX() : arguments
        try benchHTML(defaultHTML(), reports: reports)
        try benchDOCX(docxPaths, reports: reports)
        if withPDF { try benchPDF(pdf, runs: pdfRuns) }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func defaultDOCX() -> [String] {
        let golden = root.appendingPathComponent("Tests/ReportParsingTests/Fixtures/golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return names.filter { $0.hasPrefix("docx-") }.sorted()
            .map { golden.appendingPathComponent($0).appendingPathComponent("input.docx").path }
    }

    /// The HTML golden fixtures that hold a report (pages rejected as shells or attachment links are left out).
    static func defaultHTML() -> [String] {
        let golden = root.appendingPathComponent("Tests/ReportParsingTests/Fixtures/golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return names.filter { $0.hasPrefix("html-") }.sorted()
            .map { golden.appendingPathComponent($0).appendingPathComponent("input.html").path }
            .filter { path in
                guard let data = FileManager.default.contents(atPath: path) else { return false }
                if case .text = HTMLReader.read([UInt8](data)) { return true }
                return false
            }
    }

    static func benchHTML(_ paths: [String], reports: Int) throws {
        let inputs = try paths.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }
        guard !inputs.isEmpty else { return }
        let pages = inputs.map { bytes -> HTMLReader.Page? in
            if case .text(let page) = HTMLReader.page(bytes) { return page }
            return nil
        }
        let reader = DocumentReader()
        let parser = ReportParser()
        let validator = ReportValidator()
        print("HTML: \(inputs.count) pages (\(inputs.map(\.count).reduce(0, +) / inputs.count) bytes on average), \(reports) reports per stage")
        for i in 0..<200 { _ = validator.validate(reader.read(inputs[i % inputs.count], fileName: "input.html")) }

        var sink = 0
        let textOnly = measure {
            for i in 0..<reports {
                if case .text(let page) = HTMLReader.page(inputs[i % inputs.count]) { sink &+= page.text.utf8.count }
            }
        }
        let pipeline = measure {
            for i in 0..<reports {
                guard let page = pages[i % pages.count] else { continue }
                var base = Report(file: "input.html", format: "html")
                base.encoding = page.encoding
                let report = parser.parse(text: page.text, into: base, undecodableBytes: page.undecodableBytes,
                                          byteCount: inputs[i % inputs.count].count)
                sink &+= validator.validate(report).findings.count
            }
        }
        let whole = measure {
            for i in 0..<reports {
                sink &+= validator.validate(reader.read(inputs[i % inputs.count], fileName: "input.html")).findings.count
            }
        }
        printStages([("HTML → text (charset + markup)", textOnly), ("text → report (parse + validate)", pipeline),
                     ("HTML → report (all)", whole)], reports: reports)
        if sink == 42 { print("") }
    }

    static func printStages(_ stages: [(String, (wall: Double, cpu: Double))], reports: Int) {
        for (name, seconds) in stages {
            print("  " + pad(name) + String(format: "%8.0f reports/s  %8.1f µs/report  (CPU: %8.0f reports/s %8.1f µs/report)",
                                            Double(reports) / seconds.wall, seconds.wall / Double(reports) * 1e6,
                                            Double(reports) / seconds.cpu, seconds.cpu / Double(reports) * 1e6))
        }
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
        printStages([("DOCX → text (ZIP + XML)", textOnly), ("text → report (parse + validate)", pipeline),
                     ("DOCX → report (all)", whole)], reports: reports)
        if sink == 42 { print("") }
    }

    static func benchPDF(_ path: String, runs: Int) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let converter = ProcessConverter()
        let reader = DocumentReader(converter: converter)
        print("PDF: \(path) (\(bytes.count) bytes), \(runs) runs per stage")
        var sink = 0
        // The three stages take turns, run by run, so that the machine speeding up or slowing down during the
        // measurement weighs on each of them alike and the ratios stay comparable.
        var direct = (wall: 0.0, cpu: 0.0), converted = (wall: 0.0, cpu: 0.0), whole = (wall: 0.0, cpu: 0.0)
        func add(_ total: inout (wall: Double, cpu: Double), _ one: (wall: Double, cpu: Double)) {
            total.wall += one.wall
            total.cpu += one.cpu
        }
        for _ in 0..<runs {
            add(&direct, measure { sink &+= runPDFToText(path) })
            add(&converted, measure {
                if case .text(let text) = converter.text(of: bytes, format: .pdf) { sink &+= text.utf8.count }
            })
            add(&whole, measure { sink &+= reader.read(bytes, fileName: "input.pdf").findings.count })
        }
        for (name, seconds) in [("pdftotext -layout alone", direct), ("ProcessConverter", converted),
                                ("PDF → report (all)", whole)] {
            print("  " + pad(name) + String(format: "%8.1f ms/document  %5.2f× pdftotext  (CPU: %6.1f ms/document %5.2f×)",
                                            seconds.wall / Double(runs) * 1e3, seconds.wall / direct.wall,
                                            seconds.cpu / Double(runs) * 1e3, seconds.cpu / direct.cpu))
        }
        if sink == 42 { print("") }
    }

    /// Runs `pdftotext -layout -enc UTF-8 FILE OUT` directly (posix_spawn, output to a file, no pipes): the
    /// least a conversion can cost. Returns its exit status.
    static func runPDFToText(_ path: String) -> Int {
        let out = "/tmp/govreport-format-bench-\(getpid()).txt"
        defer { unlink(out) }
        let words: [String] = ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", path, out]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/pdftotext", nil, nil, argv, nil) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return Int(status)
    }

    static func pad(_ s: String) -> String {
        s + String(repeating: " ", count: max(1, 36 - s.count))
    }

    /// Wall-clock and CPU seconds of `body` (CPU: this process and its finished children, user + system), so
    /// that numbers taken on a loaded machine still say what one core does.
    static func measure(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        let cpuBefore = cpuSeconds()
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) + Double(attoseconds) * 1e-18, cpuSeconds() - cpuBefore)
    }

    static func cpuSeconds() -> Double {
        var own = rusage()
        var children = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(own.ru_utime) + seconds(own.ru_stime) + seconds(children.ru_utime) + seconds(children.ru_stime)
    }
}
