import ArgumentParser
import Foundation
import ReportModel
import ReportParsing
import ReportValidation

/// Throughput and memory of parse + validate on one thread, next to a baseline of decoding the same bytes.
@main
struct GovReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govreport-bench",
        abstract: "Measure parse + validate throughput and memory on one thread.",
        discussion: """
            Run it as `swift run -c release govreport-bench`. The inputs are the seed report and variants of \
            it made in memory with other numbers. The baseline, decoding the same bytes to a String, is timed \
            in the same run so that ratios can be compared on a noisy machine.
            """
    )

    @Option(help: "How many reports each stage processes.")
    var reports = 100_000

    @Option(help: "The seed report (TXT), relative to the current directory or the package root.")
    var seed = "Tests/GovReportCtlTests/Fixtures/kunwu-2020.txt"

    @Option(help: "How many different inputs to cycle through, the seed included.")
    var variants = 8

    @Flag(help: "Also read the inputs laid out as web pages (HTML), through format detection and the HTML reader.")
    var html = false

    static let warmUpReports = 1_000

    func validate() throws {
        guard reports > 0 else { throw ValidationError("--reports must be at least 1") }
        guard variants > 0 else { throw ValidationError("--variants must be at least 1") }
    }

    func run() throws {
        #if DEBUG
        print("warning: debug build; measure with `swift run -c release govreport-bench`\n")
        #endif
        let (seedPath, seedBytes) = try Self.loadSeed(seed)
        let inputs = SeedVariants.make(from: seedBytes, count: variants)
        let parser = ReportParser()
        let validator = ReportValidator()
        var memory = [("after loading the inputs", MemoryUsage.current())]

        let first = validator.validate(parser.parse(seedBytes, fileName: "seed.txt"))
        print("govreport-bench: one thread")
        print("seed     \(seedPath), \(grouped(seedBytes.count)) bytes, + \(inputs.count - 1) variants with other numbers")
        print("seed →   \(Self.describe(first))")
        if first.status == .rejected {
            print("warning: the parser rejects the seed, so these numbers measure the rejection path")
        }
        print("reports  \(grouped(reports)) per stage, after \(grouped(Self.warmUpReports)) warm-up reports\n")
        fflush(nil)  // show the header before the long part, also when stdout is a pipe

        var findings = 0
        for i in 0..<Self.warmUpReports {
            findings &+= validator.validate(parser.parse(inputs[i % inputs.count], fileName: "seed.txt")).findings.count
        }
        memory.append(("after \(grouped(Self.warmUpReports)) warm-up reports", MemoryUsage.current()))

        var decodedBytes = 0
        let decode = Timing.measure {
            for i in 0..<reports {
                decodedBytes &+= String(decoding: inputs[i % inputs.count], as: UTF8.self).utf8.count
            }
        }
        findings = 0
        let pipeline = Timing.measure {
            for i in 0..<reports {
                findings &+= validator.validate(parser.parse(inputs[i % inputs.count], fileName: "seed.txt")).findings.count
            }
        }
        memory.append(("after \(grouped(reports)) more reports", MemoryUsage.current()))

        var stages = [("decode bytes → String", decode), ("parse + validate", pipeline)]
        var pageBytes = 0
        if html {
            let pages = HTMLPages.make(from: inputs)
            pageBytes = pages.reduce(0) { $0 + $1.count } / pages.count
            let first = validator.validate(DocumentReader().read(pages[0], fileName: "seed.html"))
            print("html →   \(Self.describe(first)) (format \(first.format))")
            stages.append(("HTML read + validate", HTMLPages.measure(pages, reports: reports, warmUp: Self.warmUpReports).timing))
            memory.append(("after the HTML pages", MemoryUsage.current()))
        }
        printStages(stages, baseline: decode)
        print("(inputs average \(grouped(decodedBytes / reports)) bytes; \(findings / reports) findings per report)")
        if html { print("(HTML pages average \(grouped(pageBytes)) bytes)") }
        print()
        printMemory(memory)
    }

    /// The seed's path and bytes; a relative path is tried from the current directory, then the package root.
    static func loadSeed(_ path: String, packageRoot: URL = packageRoot()) throws -> (String, [UInt8]) {
        var candidates = [URL(fileURLWithPath: path)]
        if !path.hasPrefix("/") { candidates.append(packageRoot.appendingPathComponent(path)) }
        for url in candidates {
            if let data = FileManager.default.contents(atPath: url.path) { return (url.path, Array(data)) }
        }
        throw ValidationError("cannot read the seed report at \(path); give its path with --seed")
    }

    /// The package root, found from this source file's path.
    static func packageRoot(file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func describe(_ report: Report) -> String {
        [report.template?.rawValue ?? "template ?", report.year.map(String.init) ?? "year ?", report.body ?? "body ?",
         report.status.rawValue, "\(report.findings.count) findings"].joined(separator: " · ")
    }

    private func printStages(_ stages: [(String, Timing)], baseline: Timing) {
        let n = Double(reports)
        print(row(["stage", "total s", "reports/s", "µs/report", "CPU µs/report", "× decode"], first: 24))
        for (name, t) in stages {
            print(row([
                name,
                String(format: "%.3f", t.wallSeconds),
                grouped(Int((n / t.wallSeconds).rounded())),
                String(format: "%.2f", t.wallSeconds / n * 1e6),
                String(format: "%.2f", t.cpuSeconds / n * 1e6),
                String(format: "%.1f", t.wallSeconds / baseline.wallSeconds),
            ], first: 24))
        }
    }

    private func printMemory(_ samples: [(String, MemoryUsage?)]) {
        print(row(["memory (/proc/self/status)", "VmRSS KiB", "VmHWM KiB"], first: 36))
        for (name, usage) in samples {
            print(row([name, usage.map { grouped($0.rssKiB) } ?? "n/a", usage.map { grouped($0.hwmKiB) } ?? "n/a"],
                      first: 36))
        }
    }

    /// The first cell left-aligned in `first` columns, the others right-aligned in 15.
    private func row(_ cells: [String], first: Int) -> String {
        func pad(_ s: String, _ width: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return left ? s + fill : fill + s
        }
        return pad(cells[0], first, left: true) + cells.dropFirst().map { pad($0, 15, left: false) }.joined()
    }
}

/// 1234567 → "1,234,567".
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
