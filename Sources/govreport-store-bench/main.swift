// Release-build measurements of the store, in one run:
//   (a) the bar: read 5,000 seed-sized files and store bytes + 175 cell rows each in one transaction
//   (b) store 10,000 parsed reports through ReportStore (must be ≤ 2× the bar per report)
//   (c) count jobs by state with 1,000,000 jobs (≤ 5 ms)
//   (d) export 100,000 reports as wide CSV (≤ 3 s), resident memory before and after
//   (e) read the same reports as the workbook and the long (one row per cell) exports do
// Usage: swift run -c release govreport-store-bench <seed file> [--quick | --scale n] [--stop-after a|b|c]
import Foundation
import ReportModel
import ReportStore

let arguments = CommandLine.arguments.dropFirst()
guard let seedPath = arguments.first(where: { !$0.hasPrefix("--") }),
      let seed = FileManager.default.contents(atPath: seedPath) else {
    FileHandle.standardError.write(Data("usage: govreport-store-bench <seed file> [--quick] [--scale N] [--stop-after a|b|c] [--keep]\n".utf8))
    exit(2)
}
let quick = arguments.contains("--quick")
/// `--stop-after a|b|c`: end the run after that part (for profiling one part).
let stopAfter = arguments.firstIndex(of: "--stop-after").flatMap { index in
    arguments.index(after: index) < arguments.endIndex ? arguments[arguments.index(after: index)] : nil
}
/// `--quick` divides every count by 10; `--scale n` by n.
let scale = arguments.firstIndex(of: "--scale").flatMap { Int(arguments[arguments.index(after: $0)]) } ?? (quick ? 10 : 1)
let workDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("govreport-store-bench-\(getpid())", isDirectory: true)
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
/// `--keep`: leave the work directory (its `store.sqlite` holds the exported reports) for other benchmarks.
let keep = arguments.contains("--keep")
/// Removes the work directory (unless `--keep`) and ends the run.
func finish() -> Never {
    if keep {
        say("kept: \(workDirectory.path)")
    } else {
        try? FileManager.default.removeItem(at: workDirectory)
    }
    exit(0)
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    try measure(body).wall
}

/// Wall-clock and CPU (user + system) seconds taken by `body`; CPU time shows the cost when other
/// processes share the machine.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpuStart = cpuSeconds()
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, cpuSeconds() - cpuStart)
}

/// CPU time used by this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}

/// A memory figure of this process from /proc/self/status in MiB: VmRSS (all resident memory), RssAnon (heap
/// and stacks), RssFile (mapped files, here SQLite's memory-mapped pages).
func residentMiB(_ field: String = "VmRSS") -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

/// VmRSS, RssAnon and RssFile as one line.
func memoryLine() -> String {
    "VmRSS \(format(residentMiB(), 1)) MiB (anonymous \(format(residentMiB("RssAnon"), 1)), "
        + "file \(format(residentMiB("RssFile"), 1)))"
}

/// A distinct 64-hex key for document n.
func key(_ n: Int) -> String {
    let hex = String(n, radix: 16)
    return String(repeating: "0", count: 64 - hex.count) + hex
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

let seedBytes = [UInt8](seed)
let seedText = String(decoding: seedBytes, as: UTF8.self)
say("seed: \(seedPath) (\(seedBytes.count) bytes); SQLite \(StoreBench.sqliteVersion); quick=\(quick)")

// (a) The bar.
let barFiles = 5_000 / scale
let barDirectory = workDirectory.appendingPathComponent("files")
try FileManager.default.createDirectory(at: barDirectory, withIntermediateDirectories: true)
for n in 0..<barFiles {
    try Data(seedBytes + Array("\n<!-- \(n) -->\n".utf8)).write(to: barDirectory.appendingPathComponent("r\(n).txt"))
}
let barFilePaths = (0..<barFiles).map { barDirectory.appendingPathComponent("r\($0).txt").path }
let barDatabase = workDirectory.appendingPathComponent("bar.sqlite").path
let bar = try measure { try StoreBench.bar(files: barFilePaths, database: barDatabase) }
let barPerReport = bar.wall / Double(barFiles)
say("(a) bar: \(barFiles) files read + bytes + 175 cells each, one transaction: \(format(bar.wall)) s "
    + "= \(format(barPerReport * 1e6, 0)) µs per file (CPU \(format(bar.cpu / Double(barFiles) * 1e6, 0)) µs)")

if stopAfter == "a" { finish() }

// (b) 10,000 parsed reports through ReportStore.
let reportCount = 10_000 / scale
let bodies = reportCount / 5
let storePath = workDirectory.appendingPathComponent("store.sqlite").path
let database = try StoreDatabase(path: storePath)
let queue = SQLiteJobQueue(database: database)
let store = ReportStore(database: database)
let acceptSeconds = try seconds {
    for start in stride(from: 0, to: reportCount, by: 500) {
        _ = try queue.enqueue((start..<min(start + 500, reportCount)).map { n in
            IncomingFile(sha256: key(n), bytes: seedBytes + Array("\n<!-- \(n) -->\n".utf8), fileName: "r\(n).txt")
        })
    }
}
// Year-major order: each report's previous year is already stored (the cross-year rules run for 4 in 5).
// Reports are made a batch at a time, outside the timing, as the daemon would hand them over.
func makeReport(_ n: Int) -> Report {
    let year = 2019 + n / bodies
    let body = n % bodies
    var report = SyntheticReport.make(body: "机关\(body)", year: year, new: Int64(10 + body % 7),
                                      carriedOver: Int64(year % 3), carriedForward: Int64((year + 1) % 3),
                                      sectionText: String(seedText.prefix(600)), file: "r\(n).txt")
    report.sha256 = key(n)
    report.findings = [.warning(RuleID.txtSec5Empty, "第五部分内容过少", at: FindingLocation(section: .s5))]
    report.status = .warnings
    return report
}
var cellsPerReport: [Int] = []
var storing: (wall: Double, cpu: Double) = (0, 0)
for start in stride(from: 0, to: reportCount, by: 500) {
    let batch = (start..<min(start + 500, reportCount)).map(makeReport)
    cellsPerReport += batch.map { $0.tables.values.reduce(0) { $0 + $1.rows.values.reduce(0) { $0 + $1.count } } }
    let time = try measure { try store.store(batch) }
    storing = (storing.wall + time.wall, storing.cpu + time.cpu)
}
let storeSeconds = storing.wall
let storePerReport = storeSeconds / Double(reportCount)
let storeCPUPerReport = storing.cpu / Double(reportCount)
let barCPUPerReport = bar.cpu / Double(barFiles)
let crossYearFindings = try StoreBench.count(database, "SELECT count(*) FROM findings WHERE cross_year = 1")
say("(b) ReportStore.store: \(reportCount) reports (\(cellsPerReport.min()!)–\(cellsPerReport.max()!) cells, 6 sections, "
    + "1 finding each; cross-year rules run: \(crossYearFindings) X-findings), batches of 500: \(format(storeSeconds)) s "
    + "= \(format(storePerReport * 1e6, 0)) µs per report = \(format(storePerReport / barPerReport, 2))× the bar (limit 2×); "
    + "CPU \(format(storeCPUPerReport * 1e6, 0)) µs per report = \(format(storeCPUPerReport / barCPUPerReport, 2))× the bar's CPU")
say("    (accepting their \(reportCount) documents through the queue beforehand, batches of 500: \(format(acceptSeconds)) s "
    + "= \(format(acceptSeconds / Double(reportCount) * 1e6, 0)) µs per file)")

say("    memory after (b): \(memoryLine())")
if stopAfter == "b" { finish() }

// (c) Counting 1,000,000 jobs by state.
let jobCount = 1_000_000 / scale
let jobsDatabase = try StoreDatabase(path: workDirectory.appendingPathComponent("jobs.sqlite").path)
let fillSeconds = try seconds { try StoreBench.fillJobs(jobsDatabase, count: jobCount) }
let jobsQueue = SQLiteJobQueue(database: jobsDatabase)
var countTimes: [Double] = []
var counts: [JobState: Int] = [:]
for _ in 0..<21 { countTimes.append(try seconds { counts = try jobsQueue.counts() }) }
let groupBySeconds = try seconds {
    _ = try StoreBench.count(jobsDatabase, "SELECT count(*) FROM (SELECT state, count(*) FROM jobs GROUP BY state)")
}
countTimes.sort()
say("(c) counts() with \(counts.values.reduce(0, +)) jobs (filled in \(format(fillSeconds, 1)) s): first \(format(countTimes.last! * 1e3)) ms, "
    + "median \(format(countTimes[10] * 1e3)) ms (limit 5 ms); GROUP BY over the index instead: \(format(groupBySeconds * 1e3, 1)) ms")
say("    \(JobState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))")

if stopAfter == "c" { finish() }

// (d) Wide CSV export of 100,000 reports.
let exportCount = 100_000 / scale
let copySeconds = try seconds { try StoreBench.replicate(database, times: exportCount / reportCount) }
let current = try store.reportCounts().current
let csvPath = workDirectory.appendingPathComponent("export.csv").path
_ = FileManager.default.createFile(atPath: csvPath, contents: nil)
let csvFile = try FileHandle(forWritingTo: URL(fileURLWithPath: csvPath))
var csvBytes = 0
let memoryBefore = memoryLine()
let export = try measure {
    try store.writeWideCSV { chunk in
        csvBytes += chunk.count
        csvFile.write(Data(chunk))
    }
}
let exportSeconds = export.wall
let memoryAfter = memoryLine()
try csvFile.close()
say("(d) writeWideCSV: \(current) current reports (copied up from (b) in \(format(copySeconds, 1)) s) → "
    + "\(format(Double(csvBytes) / 1_048_576, 1)) MiB of CSV in \(format(exportSeconds)) s (limit 3 s; CPU \(format(export.cpu)) s); "
    + "memory before: \(memoryBefore); after: \(memoryAfter)")

// (e) The other two exports' reads over the same reports.
var workbookRows = 0
let workbook = try measure { try store.forEachWorkbookRow { _ in workbookRows += 1 } }
var longCells = 0
let long = try measure { try store.forEachCell { _ in longCells += 1 } }
say("(e) forEachWorkbookRow: \(workbookRows) reports in \(format(workbook.wall)) s (CPU \(format(workbook.cpu)) s); "
    + "forEachCell: \(longCells) cells in \(format(long.wall)) s (CPU \(format(long.cpu)) s)")
finish()
