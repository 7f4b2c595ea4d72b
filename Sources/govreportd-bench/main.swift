// End-to-end measurements of govreportd (release build), in one run:
//   (bar) the store bar of the architecture, measured by `govreport-store-bench <seed> --stop-after a`
//   (a) 5,000 seed-sized TXT reports moved into the inbox at once: reports/s until all are stored, and the
//       time per report as a ratio to the bar
//   (b) drop → stored latency when idle: one file at a time, p50 / p99 / max
//   (c) resident memory of the daemon while it works through a backlog of 100,000 files in the inbox
// Usage: govreportd-bench <seed file> [--reports n] [--latency n] [--backlog n] [--backlog-seconds s] [--config file]
//   (the backlog part stops after --backlog-seconds, default 120, if the backlog is not done by then)
// The govreportd and govreport-store-bench binaries are taken from the directory of this executable.
import Foundation
import ReportStore

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard let seedPath = arguments.first.flatMap({ $0.hasPrefix("--") ? nil : $0 }),
      let seed = FileManager.default.contents(atPath: seedPath).map({ [UInt8]($0) }) else {
    FileHandle.standardError.write(Data("usage: govreportd-bench <seed file> [--reports n] [--latency n] [--backlog n]\n".utf8))
    exit(2)
}
/// The value after `--name`, or `fallback`.
func option(_ name: String, _ fallback: Int) -> Int {
    arguments.firstIndex(of: "--\(name)").flatMap { arguments.index(after: $0) < arguments.endIndex ? Int(arguments[$0 + 1]) : nil }
        ?? fallback
}
let reportCount = option("reports", 5_000)
let latencySamples = option("latency", 200)
let backlogCount = option("backlog", 100_000)
/// `--config FILE`: a configuration file for the daemons (e.g. to try other `workers`).
let configFile = arguments.firstIndex(of: "--config").flatMap { arguments.index(after: $0) < arguments.endIndex ? arguments[$0 + 1] : nil }
let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let work = FileManager.default.temporaryDirectory.appendingPathComponent("govreportd-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The seed with a numbered last line: distinct bytes, the same report, the same size within a few bytes.
func variant(_ n: Int) -> [UInt8] { seed + Array("\n（编号 \(n)）\n".utf8) }

/// Writes `count` variants starting at `first` into `directory` (outside the inbox, same filesystem).
func stage(_ count: Int, from first: Int, in directory: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try (0..<count).map { index in
        let name = "r\(first + index).txt"
        try Data(variant(first + index)).write(to: directory.appendingPathComponent(name))
        return name
    }
}

/// A memory figure of a process from /proc/PID/status, in MiB.
func memory(_ pid: Int32, _ field: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

/// Runs a daemon on `data` and returns it once its database exists and it has scanned its inbox.
func startDaemon(_ data: URL) throws -> Process {
    let process = Process()
    process.executableURL = binaries.appendingPathComponent("govreportd")
    process.arguments = ["--data-dir", data.path] + (configFile.map { ["--config", $0] } ?? [])
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = nil
    process.environment = environment
    let log = data.deletingLastPathComponent().appendingPathComponent("\(data.lastPathComponent).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardError = handle
    process.standardOutput = handle
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
        if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("] ready") { return process }
        Thread.sleep(forTimeInterval: 0.01)
    }
    throw CocoaError(.fileReadUnknown)
}

/// CPU seconds (user + system) a process has used, from /proc/PID/stat.
func cpuSeconds(_ pid: Int32) -> Double {
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

func stopDaemon(_ process: Process) {
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
}

// (bar)
let storeBench = Process()
storeBench.executableURL = binaries.appendingPathComponent("govreport-store-bench")
storeBench.arguments = [seedPath, "--stop-after", "a"]
let barPipe = Pipe()
storeBench.standardOutput = barPipe
try storeBench.run()
let barOutput = String(decoding: barPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
storeBench.waitUntilExit()
let barLine = barOutput.split(separator: "\n").first { $0.hasPrefix("(a) bar") }.map(String.init) ?? "(no bar line)"
/// µs per file, from "… = 380 µs per file …".
let barMicroseconds = barLine.range(of: #"= ([0-9]+) µs per file"#, options: .regularExpression)
    .flatMap { Double(barLine[$0].split(separator: " ")[1]) } ?? .nan
say("seed: \(seedPath) (\(seed.count) bytes); \(ProcessInfo.processInfo.activeProcessorCount) cores")
say("(bar) \(barLine.dropFirst(4))")

// (a) throughput
do {
    let data = work.appendingPathComponent("throughput")
    let staging = work.appendingPathComponent("staging-a")
    let names = try stage(reportCount, from: 0, in: staging)
    let daemon = try startDaemon(data)
    let queue = SQLiteJobQueue(database: try StoreDatabase(path: data.appendingPathComponent("govreport.sqlite").path))
    let inbox = data.appendingPathComponent("inbox").path
    let cpuBefore = cpuSeconds(daemon.processIdentifier)
    let start = ContinuousClock.now
    for name in names { rename(staging.appendingPathComponent(name).path, inbox + "/" + name) }
    let moved = seconds(since: start)
    while try queue.counts()[.stored] ?? 0 < reportCount { Thread.sleep(forTimeInterval: 0.005) }
    let total = seconds(since: start)
    let cpu = cpuSeconds(daemon.processIdentifier) - cpuBefore
    let perReport = total / Double(reportCount) * 1e6
    say("(a) \(reportCount) reports moved in at once (moves took \(format(moved, 3)) s): all stored in \(format(total, 3)) s "
        + "= \(format(Double(reportCount) / total, 0)) reports/s (target ≥ 2000) = \(format(perReport, 0)) µs per report "
        + "= \(format(perReport / barMicroseconds, 2))× the bar (limit 2×); daemon CPU \(format(cpu, 1)) s = \(format(cpu / Double(reportCount) * 1e6, 0)) µs per report (\(format(cpu / total, 2)) cores busy); VmHWM \(format(memory(daemon.processIdentifier, "VmHWM"), 1)) MiB")
    stopDaemon(daemon)
}

// (b) idle latency (skipped with --latency 0)
if latencySamples > 0 {
    let data = work.appendingPathComponent("latency")
    let staging = work.appendingPathComponent("staging-b")
    let names = try stage(latencySamples, from: 1_000_000, in: staging)
    let daemon = try startDaemon(data)
    let queue = SQLiteJobQueue(database: try StoreDatabase(path: data.appendingPathComponent("govreport.sqlite").path))
    let inbox = data.appendingPathComponent("inbox").path
    var latencies: [Double] = []
    for (index, name) in names.enumerated() {
        let start = ContinuousClock.now
        rename(staging.appendingPathComponent(name).path, inbox + "/" + name)
        while try queue.counts()[.stored] ?? 0 <= index { Thread.sleep(forTimeInterval: 0.001) }
        latencies.append(seconds(since: start) * 1000)
        Thread.sleep(forTimeInterval: 0.02)  // idle between drops
    }
    latencies.sort()
    func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
    say("(b) drop → stored when idle, \(latencies.count) drops: p50 \(format(percentile(0.5))) ms, "
        + "p99 \(format(percentile(0.99))) ms (target ≤ 50), max \(format(latencies.last ?? .nan)) ms")
    stopDaemon(daemon)
}

// (c) memory with a backlog (skipped with --backlog 0)
if backlogCount > 0 {
    let data = work.appendingPathComponent("backlog")
    let inbox = data.appendingPathComponent("inbox")
    try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    let staged = ContinuousClock.now
    _ = try stage(backlogCount, from: 2_000_000, in: inbox)
    say("(c) \(backlogCount) files staged in the inbox in \(format(seconds(since: staged), 1)) s; starting the daemon on them")
    let start = ContinuousClock.now
    let daemon = try startDaemon(data)
    let queue = SQLiteJobQueue(database: try StoreDatabase(path: data.appendingPathComponent("govreport.sqlite").path))
    var peak = 0.0
    var samples: [String] = []
    var nextSample = 0.0
    let limit = Double(option("backlog-seconds", 120))
    while try queue.counts()[.stored] ?? 0 < backlogCount, seconds(since: start) < limit {
        peak = max(peak, memory(daemon.processIdentifier, "VmRSS"))
        if seconds(since: start) >= nextSample {
            let counts = try queue.counts()
            samples.append("t=\(format(seconds(since: start), 0))s stored \(counts[.stored] ?? 0) queued \(counts[.queued] ?? 0) "
                + "VmRSS \(format(memory(daemon.processIdentifier, "VmRSS"), 1)) MiB")
            nextSample += 10
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    let total = seconds(since: start)
    let stored = try queue.counts()[.stored] ?? 0
    for sample in samples { say("    \(sample)") }
    say("(c) backlog of \(backlogCount): \(stored) stored in \(format(total, 1)) s (\(format(Double(stored) / total, 0)) reports/s); "
        + "daemon VmRSS peak \(format(peak, 1)) MiB, VmHWM \(format(memory(daemon.processIdentifier, "VmHWM"), 1)) MiB (target ≤ 100)")
    stopDaemon(daemon)
}
