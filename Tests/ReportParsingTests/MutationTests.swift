import Foundation
import ReportModel
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny PRNG with a fixed seed, so every run builds the same mutations.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0); the modulo bias is irrelevant here.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// One way of damaging a document.
enum Mutation: CaseIterable, CustomStringConvertible {
    case truncate, flipBytes, shuffleLines, duplicateLines, deleteLines, reencode, insertJunk, combined

    var description: String {
        switch self {
        case .truncate: "truncate"
        case .flipBytes: "flip bytes"
        case .shuffleLines: "shuffle lines"
        case .duplicateLines: "duplicate lines"
        case .deleteLines: "delete lines"
        case .reencode: "re-encode"
        case .insertJunk: "insert junk lines"
        case .combined: "two mutations"
        }
    }
}

/// Builds damaged copies of a document's bytes.
struct Mutator {
    var rng: SplitMix64

    static let junkLines: [String] = [
        "", "- 7 -", "第3页共9页", "|---|---|---|", "| | | |", "12 0 3 4 19", "０１２３４５６７８９", "1,234,567元",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量 1 2 3", "（七）总计 9 9 9 9 9 9 9 9", "行政复议 行政诉讼 0 0 0",
        "第二十条第（一）项", "规章 1 2", "四、结转下年度继续办理", "801000081801000081",
        "\u{FEFF}\u{3000}\t\t\t", "<td>&nbsp;</td>", "二〇二一年一月一日", "统计期限自1999年1月1日至2100年12月31日",
        String(repeating: "9", count: 40), String(repeating: "一、", count: 30),
    ]

    mutating func apply(_ mutation: Mutation, to bytes: [UInt8]) -> [UInt8] {
        switch mutation {
        case .truncate:
            guard !bytes.isEmpty else { return bytes }
            return Array(bytes.prefix(rng.below(bytes.count)))
        case .flipBytes:
            guard !bytes.isEmpty else { return [UInt8(rng.below(256))] }
            var out = bytes
            for _ in 0..<(1 + rng.below(16)) {
                out[rng.below(out.count)] = UInt8(rng.below(256))
            }
            return out
        case .shuffleLines:
            var lines = Self.lines(bytes)
            guard lines.count > 1 else { return bytes }
            // Swap a few lines, or shuffle a window of them.
            if rng.below(2) == 0 {
                for _ in 0..<(1 + rng.below(6)) { lines.swapAt(rng.below(lines.count), rng.below(lines.count)) }
            } else {
                let start = rng.below(lines.count)
                let end = min(lines.count, start + 2 + rng.below(20))
                for i in stride(from: end - 1, to: start, by: -1) { lines.swapAt(i, start + rng.below(i - start + 1)) }
            }
            return Self.join(lines)
        case .duplicateLines:
            var lines = Self.lines(bytes)
            guard !lines.isEmpty else { return bytes }
            for _ in 0..<(1 + rng.below(8)) {
                let i = rng.below(lines.count)
                let run = min(lines.count - i, 1 + rng.below(4))
                lines.insert(contentsOf: lines[i..<(i + run)], at: rng.below(lines.count + 1))
            }
            return Self.join(lines)
        case .deleteLines:
            var lines = Self.lines(bytes)
            guard !lines.isEmpty else { return bytes }
            for _ in 0..<(1 + rng.below(8)) where !lines.isEmpty {
                let i = rng.below(lines.count)
                lines.removeSubrange(i..<min(lines.count, i + 1 + rng.below(5)))
            }
            return Self.join(lines)
        case .reencode:
            // Only text that is valid UTF-8 can be re-encoded; other inputs get a BOM flipped instead.
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return [0xFF, 0xFE] + bytes
            }
            switch rng.below(4) {
            case 0: return iconvConvert(bytes, from: "UTF-8", to: "GB18030") ?? bytes
            case 1: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case 2: return text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            default: return [0xEF, 0xBB, 0xBF] + bytes
            }
        case .insertJunk:
            var lines = Self.lines(bytes)
            for _ in 0..<(1 + rng.below(10)) {
                let junk = Self.junkLines[rng.below(Self.junkLines.count)]
                lines.insert(Array(junk.utf8), at: rng.below(lines.count + 1))
            }
            return Self.join(lines)
        case .combined:
            let simple = Mutation.allCases.filter { $0 != .combined }
            let first = simple[rng.below(simple.count)]
            let second = simple[rng.below(simple.count)]
            return apply(second, to: apply(first, to: bytes))
        }
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [0x0A]))
    }
}

/// Damaged documents never crash or hang the reader, and every result is a well-formed report.
///
/// Mutations are built round-robin over the golden inputs (one per input, then the next round), so that when the
/// time budget runs out every input has been mutated about as often as the others.
///
/// Knobs for investigating a failure:
/// - `GOVREPORT_MUTATION_TRACE=1` prints every mutation and its parse time to standard error;
/// - `GOVREPORT_MUTATION_DUMP=<folder>` writes each mutated document slower than `slowDocument` there, named
///   after its fixture and round, to be run with `govreportctl check`; `current.txt` there is the document
///   being parsed (the one to look at when a run hangs);
/// - `GOVREPORT_MUTATION_KEEP_GOING=1` goes on after a hung document (up to three) instead of stopping;
/// - `GOVREPORT_MUTATION_BUDGET=<seconds>` replaces the time budget (to see a whole run on a slow parser).
@Suite("Mutated documents", .serialized)
struct MutationTests {
    /// Rounds: mutations built from each golden input (25 inputs × 120 = 3,000).
    static let rounds = 120
    /// Budget for the whole run in a debug build. Measured on a shared 2-core machine under load: 3,000
    /// mutations in 360 s (median 0.02 s, mean 0.12 s per document; the damaged ones make the placement search
    /// work hard), so this is about 2× the loaded and 4× an idle run. When it runs out, the run stops and fails
    /// rather than hold up the test suite.
    static let budget = Duration.seconds(
        Int(ProcessInfo.processInfo.environment["GOVREPORT_MUTATION_BUDGET"] ?? "") ?? 600)
    /// One document slower than this (debug build) is a failure. The worst damaged documents take about 0.2 s
    /// in a release build and up to ~2 s in a debug build while other tests run in parallel; 5 s leaves room for
    /// a loaded CI machine and still catches any search that grows out of its limits.
    static let slowDocument = Duration.seconds(5)
    /// A document still parsing after this long is reported as hung and the run stops there (its thread is
    /// left running until the test process exits; a parse cannot be cancelled).
    static let hangLimit = Duration.seconds(30)
    static let trace = ProcessInfo.processInfo.environment["GOVREPORT_MUTATION_TRACE"] == "1"
    /// Set GOVREPORT_MUTATION_KEEP_GOING=1 to go on after a hung document (up to three), to see the rest.
    static let keepGoing = ProcessInfo.processInfo.environment["GOVREPORT_MUTATION_KEEP_GOING"] == "1"
    static let dumpFolder = ProcessInfo.processInfo.environment["GOVREPORT_MUTATION_DUMP"]

    @Test("thousands of mutations of the golden inputs all give well-formed results, in bounded time")
    func mutationsGiveWellFormedReports() throws {
        var inputs: [(String, [UInt8])] = []
        for name in Fixtures.goldenNames {
            inputs.append((name, try Fixtures.bytes(try Fixtures.input(name))))
        }
        #expect(inputs.count >= 20)
        let planned = inputs.count * Self.rounds

        var mutator = Mutator(rng: SplitMix64(seed: 0x5EED_2024))
        var problems: [String] = []
        var slow: [(Duration, String)] = []
        var count = 0
        var statuses: [ReportStatus: Int] = [:]
        var hung: [String] = []
        let clock = ContinuousClock()
        let started = clock.now
        rounds: for round in 0..<Self.rounds {
            let mutation = Mutation.allCases[round % Mutation.allCases.count]
            for (name, bytes) in inputs {
                if started.duration(to: clock.now) > Self.budget { break rounds }
                let mutated = mutator.apply(mutation, to: bytes)
                let label = "\(name) round \(round) (\(mutation), \(mutated.count) bytes)"
                if Self.trace { FileHandle.standardError.write(Data("start \(label)\n".utf8)) }
                if let folder = Self.dumpFolder {
                    // The document being parsed, so that one that never finishes can be found.
                    try? Data(mutated).write(to: URL(fileURLWithPath: folder).appendingPathComponent("current.txt"))
                }
                let one = clock.now
                let limit = min(Self.hangLimit, Self.budget - started.duration(to: clock.now) + Self.slowDocument)
                guard let report = Self.process(mutated, within: limit) else {
                    hung.append("\(label) did not finish within \(limit)")
                    if let folder = Self.dumpFolder {
                        let file = URL(fileURLWithPath: folder).appendingPathComponent("\(name)-round\(round)-hung.txt")
                        try? Data(mutated).write(to: file)
                    }
                    // A hung parse keeps a core busy until the process exits; the times after it mean little.
                    if !Self.keepGoing || hung.count >= 3 { break rounds }
                    continue
                }
                let took = one.duration(to: clock.now)
                if Self.trace { FileHandle.standardError.write(Data("  took \(took)\n".utf8)) }
                count += 1
                statuses[report.status, default: 0] += 1
                if took > Self.slowDocument {
                    slow.append((took, label))
                    if let folder = Self.dumpFolder {
                        let file = URL(fileURLWithPath: folder).appendingPathComponent("\(name)-round\(round).txt")
                        try? Data(mutated).write(to: file)
                    }
                }
                for problem in Self.problems(report) where problems.count < 25 {
                    problems.append("\(label): \(problem)")
                }
            }
        }
        let elapsed = started.duration(to: clock.now)
        let shown = slow.sorted { $0.0 > $1.0 }.prefix(12).map { "  \($0.0) \($0.1)" }.joined(separator: "\n")
        let summary = "\(count) of \(planned) mutations in \(elapsed) (budget \(Self.budget)); "
            + "\(slow.count) documents over \(Self.slowDocument); statuses "
            + statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        print(summary)
        #expect(planned >= 3000)
        #expect(hung.isEmpty, "documents that never finished:\n\(hung.joined(separator: "\n"))\n\(summary)")
        #expect(count + hung.count == planned,
                "the run stopped early (\(hung.isEmpty ? "time budget" : "hung document")): \(summary)\nslowest:\n\(shown)")
        #expect(elapsed < Self.budget + Self.slowDocument * 2, "\(summary)")
        #expect(slow.isEmpty, "\(summary)\nslowest:\n\(shown)")
        #expect(problems.isEmpty, "\(summary)\n\(problems.joined(separator: "\n"))")
    }

    /// Mutated documents that were once slow or hung, kept in `Fixtures/slow/` (minimised where possible):
    /// `duplicated-rows.txt` (rows of table 三 printed twice, the 四 heading inside table 三: once never
    /// finished), `truncated-after-row2.txt` and `truncated-in-table3.txt` (a report cut off inside table 三),
    /// `seed-flipped-bytes.txt` (the seed with eight bytes changed, one of them a blank cell in table 三).
    static let slowNames: [String] = {
        let folder = Fixtures.root.appendingPathComponent("slow")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }()

    @Test("documents that mutations found slow are read in bounded time", arguments: slowNames)
    func formerlySlowDocument(_ name: String) throws {
        let bytes = try Fixtures.bytes(Fixtures.root.appendingPathComponent("slow").appendingPathComponent(name))
        let clock = ContinuousClock()
        let started = clock.now
        let report = Self.process(bytes, within: Self.hangLimit)
        let took = started.duration(to: clock.now)
        #expect(report != nil, "\(name) did not finish within \(Self.hangLimit)")
        #expect(took < Self.slowDocument, "\(name) took \(took) (limit \(Self.slowDocument), debug build)")
        if let report {
            #expect(Self.problems(report).isEmpty, "\(name): \(Self.problems(report))")
        }
    }

    /// Parse + validate on a thread of its own, waiting at most `limit`; nil when it did not finish in time.
    static func process(_ bytes: [UInt8], within limit: Duration) -> Report? {
        final class Result: @unchecked Sendable {
            var report: Report?
        }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.report = Fixtures.process(bytes)
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        let (seconds, attoseconds) = max(limit, .milliseconds(1)).components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else { return nil }
        return result.report
    }

    /// What is wrong with a result, as the report model defines it (empty when nothing is).
    static func problems(_ report: Report) -> [String] {
        var out: [String] = []
        if report.status == .rejected {
            if report.findings.isEmpty { out.append("rejected without a finding saying why") }
            if !report.tables.isEmpty { out.append("rejected but has tables") }
        } else if report.status != ReportStatus.from(report.findings) {
            out.append("status \(report.status.rawValue) does not follow from its findings")
        }
        do {
            _ = try Fixtures.encode(report)
        } catch {
            out.append("cannot be encoded as JSON: \(error)")
        }
        if report.status != .rejected, let definition = report.definition {
            for id in TableID.allCases {
                guard let table = report.tables[id] else {
                    out.append("\(id.rawValue) missing from tables")
                    continue
                }
                for row in definition.table(id).rows {
                    for column in row.columns where table[row.key, column.key] == nil {
                        out.append("\(id.rawValue).\(row.key).\(column.key) missing from tables")
                    }
                }
            }
        }
        for (id, table) in report.tables {
            for (row, cells) in table.rows {
                for (column, cell) in cells {
                    let ok: Bool
                    switch cell.kind {
                    case .number: ok = cell.value.map { $0.doubleValue != 0 } ?? false
                    case .zero: ok = cell.value?.doubleValue == 0
                    case .empty, .na, .text, .missing: ok = cell.value == nil
                    }
                    if !ok {
                        out.append("\(id.rawValue).\(row).\(column): kind \(cell.kind.rawValue) with value \(cell.value?.description ?? "null")")
                    }
                }
            }
        }
        return out
    }
}
