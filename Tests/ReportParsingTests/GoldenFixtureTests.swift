import Foundation
import ReportModel
import Testing

/// Golden files: every folder `Fixtures/golden/<name>/` holds
///
/// - `input.*`: a report (text in any encoding, or a web page) showing one class of real-document quirk; its
///   format is detected from the content, as `DocumentReader` does;
/// - `expected.json`: the whole parse → validate result, as `Report`'s JSON (sorted keys, pretty printed,
///   slashes unescaped, `file` = the input's name, `sha256` = "");
/// - `truth.json`: what a person reads in the document (template, year, body, cell values, rules that must or
///   must not fire), written from the document and never copied from parser output.
///
/// `expected.json` pins the output byte for byte, so any change in it shows up in review; `truth.json` says
/// whether that output is right. To regenerate the expected files after an intended change, run
///
///     GOVREPORT_UPDATE_GOLDEN=1 swift test --filter GoldenFixtureTests
///
/// then read the diff of every `expected.json` against its document and truth before committing. Never
/// bless a wrong value: fix the parser, or leave the truth test failing. New fixtures are made by
/// `Fixtures/make_fixtures.py` and `Fixtures/make_html_fixtures.py` (see their headers).
@Suite("Golden fixtures")
struct GoldenFixtureTests {
    static let names = Fixtures.goldenNames
    static let updating = ProcessInfo.processInfo.environment["GOVREPORT_UPDATE_GOLDEN"] == "1"

    @Test("there are golden fixtures, each with an input and a truth")
    func fixturesExist() throws {
        #expect(Self.names.count >= 20, "golden fixtures found: \(Self.names)")
        for name in Self.names {
            _ = try Fixtures.input(name)
            let truth = Fixtures.goldenFolder(name).appendingPathComponent("truth.json")
            #expect(FileManager.default.fileExists(atPath: truth.path), "\(name) has no truth.json")
        }
    }

    @Test("parse + validate output equals expected.json byte for byte", arguments: names)
    func matchesExpectedJSON(_ name: String) throws {
        let input = try Fixtures.input(name)
        let report = Fixtures.process(try Fixtures.bytes(input), fileName: input.lastPathComponent)
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
            let diff = lineDiff(expected: String(decoding: expected, as: UTF8.self),
                                actual: String(decoding: actual, as: UTF8.self))
            Issue.record("\(name): output differs from expected.json\n\(diff)")
        }
    }

    @Test("the parse result agrees with what a person reads (truth.json)", arguments: names)
    func agreesWithTruth(_ name: String) throws {
        let truth = try Truth.load(name)
        let input = try Fixtures.input(name)
        let report = Fixtures.process(try Fixtures.bytes(input), fileName: input.lastPathComponent)
        let rules = Set(report.findings.map(\.rule))
        let context = "\(name) [status \(report.status.rawValue); rules \(rules.sorted().joined(separator: " "))]"

        #expect(report.template?.rawValue == truth.template, "\(context): template")
        #expect(report.year == truth.year, "\(context): year")
        #expect(report.body == truth.body, "\(context): body")
        if case .some(let title) = truth.title {
            #expect(report.title == title, "\(context): title")
        }
        if let status = truth.status {
            #expect(report.status.rawValue == status, "\(context): status")
        }
        for status in truth.statusNot {
            #expect(report.status.rawValue != status, "\(context): status must not be \(status)")
        }
        if let encoding = truth.encoding {
            #expect(report.encoding == encoding, "\(context): encoding")
        }
        if truth.noTables {
            #expect(report.tables.isEmpty, "\(context): a rejected document has no tables")
        }

        for (flat, value) in truth.values.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            let got = cell?.value?.doubleValue
            #expect(got.map { sameNumber($0, value) } == true,
                    "\(name): \(flat) should be \(CellValue.format(value)), got \(describe(cell))")
        }
        for (flat, kind) in truth.kinds.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.kind.rawValue == kind, "\(name): \(flat) should be kind \(kind), got \(describe(cell))")
        }
        for (flat, unit) in truth.units.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.unit == unit, "\(name): \(flat) should carry unit \(unit), got \(describe(cell))")
        }
        for (flat, raw) in truth.raws.sorted(by: { $0.key < $1.key }) {
            let cell = try cell(report, flat)
            #expect(cell?.raw == raw, "\(name): \(flat) should print \"\(raw)\", got \(describe(cell))")
        }
        for (flat, numbers) in truth.extraRows.sorted(by: { $0.key < $1.key }) {
            let parts = flat.split(separator: ".", maxSplits: 1).map(String.init)
            let table = TableID(rawValue: parts[0])
            let row = table.flatMap { report.tables[$0]?.rows[parts[1]] }
            let got = (row ?? [:]).values.compactMap { $0.value?.doubleValue }.sorted()
            let shown = row.map { "\($0)" } ?? "no such row"
            #expect(row != nil && got == numbers.sorted(), "\(name): row \(flat) should hold \(numbers), got \(shown)")
        }

        for rule in truth.rules {
            #expect(rules.contains(rule), "\(context): finding \(rule) expected")
        }
        if !truth.rulesAny.isEmpty {
            #expect(!rules.isDisjoint(with: truth.rulesAny), "\(context): one of \(truth.rulesAny) expected")
        }
        for rule in truth.noRules {
            let found = report.findings.filter { $0.rule == rule }.map(\.message)
            #expect(found.isEmpty, "\(name): no \(rule) expected, got: \(found.joined(separator: " | "))")
        }
        for rule in truth.noErrorRules {
            let found = report.findings.filter { $0.rule == rule && $0.severity == .error }.map(\.message)
            #expect(found.isEmpty, "\(name): no \(rule) error expected, got: \(found.joined(separator: " | "))")
        }
        for wanted in truth.findings {
            let match = report.findings.contains { f in
                f.rule == wanted.rule
                    && (wanted.row == nil || f.location.row == wanted.row)
                    && (wanted.column == nil || f.location.column == wanted.column)
                    && (wanted.expected == nil || f.expected.map { sameNumber($0.doubleValue, wanted.expected!) } == true)
                    && (wanted.actual == nil || f.actual.map { sameNumber($0.doubleValue, wanted.actual!) } == true)
            }
            let same = report.findings.filter { $0.rule == wanted.rule }.map { f in
                "\(f.location.flatName) expected=\(f.expected?.description ?? "-") actual=\(f.actual?.description ?? "-")"
            }
            let want = "row \(wanted.row ?? "*") column \(wanted.column ?? "*") expected "
                + "\(wanted.expected.map { CellValue.format($0) } ?? "*") actual \(wanted.actual.map { CellValue.format($0) } ?? "*")"
            #expect(match, "\(name): a \(wanted.rule) finding at \(want) is missing; \(wanted.rule) findings: \(same)")
        }
    }

    private func cell(_ report: Report, _ flat: String) throws -> Cell? {
        let name = try FlatName(flat)
        return report.tables[name.table]?[name.row, name.column]
    }

    private func describe(_ cell: Cell?) -> String {
        guard let cell else { return "no such cell" }
        return "raw \"\(cell.raw)\" kind \(cell.kind.rawValue) value \(cell.value?.description ?? "null")"
            + (cell.unit.map { " unit \($0)" } ?? "") + (cell.inferred ? " (inferred)" : "")
    }
}
