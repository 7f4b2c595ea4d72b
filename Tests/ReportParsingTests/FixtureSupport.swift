import Foundation
import ReportModel
import ReportParsing
import ReportValidation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fixture files of this test target, and the parse → validate pipeline the tests run on them.
///
/// Fixtures are read from the source tree when it is there (so a freshly regenerated `expected.json` is seen
/// without a rebuild), otherwise from the copied resource bundle.
enum Fixtures {
    /// `Tests/ReportParsingTests/Fixtures` in the source tree.
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The folder the tests read fixtures from.
    static var root: URL {
        if FileManager.default.fileExists(atPath: sourceRoot.path) { return sourceRoot }
        return Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    /// The names of the folders under `golden/`, sorted.
    static var goldenNames: [String] {
        let golden = root.appendingPathComponent("golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: golden.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    static func goldenFolder(_ name: String) -> URL {
        root.appendingPathComponent("golden").appendingPathComponent(name)
    }

    /// The `input.*` file of a golden fixture.
    static func input(_ name: String) throws -> URL {
        let folder = goldenFolder(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        guard let file = files.sorted().first(where: { $0.hasPrefix("input.") }) else {
            throw FixtureError.missing("\(folder.path)/input.*")
        }
        return folder.appendingPathComponent(file)
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Read (format detected from the content), then validate: the whole output the golden files record.
    static func process(_ bytes: [UInt8], fileName: String = "input.txt") -> Report {
        ReportValidator().validate(DocumentReader(converter: nil).read(bytes, fileName: fileName))
    }

    /// The report's JSON as `expected.json` stores it (sorted keys, pretty, slashes unescaped, final newline).
    static func encode(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(0x0A)
        return data
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    case badFlatName(String)

    var description: String {
        switch self {
        case .missing(let path): "fixture file missing: \(path)"
        case .badFlatName(let name): "not a flat cell name (table.row.column): \(name)"
        }
    }
}

/// A flat cell name `table.row.column`; row keys contain dots, so the row is everything between the first and
/// the last part (`t3.denied.state_secret.natural`).
struct FlatName: CustomStringConvertible {
    let table: TableID
    let row: String
    let column: String

    init(_ name: String) throws {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let table = TableID(rawValue: parts[0]) else { throw FixtureError.badFlatName(name) }
        self.table = table
        self.row = parts[1..<(parts.count - 1)].joined(separator: ".")
        self.column = parts[parts.count - 1]
    }

    var description: String { "\(table.rawValue).\(row).\(column)" }
}

/// What a person reads in a golden fixture's document (`truth.json`), written by hand or by
/// `make_fixtures.py` from the numbers it printed, never from parser output.
struct Truth: Decodable {
    /// A finding that must be present, with the fields given.
    struct ExpectedFinding: Decodable {
        let rule: String
        let row: String?
        let column: String?
        let expected: Double?
        let actual: Double?
    }

    let template: String?
    let year: Int?
    let body: String?
    /// The title as printed (lines of a title printed over several lines joined, spaces dropped); checked when
    /// the truth has the key (`null` means the document has no title).
    let title: String??
    /// Exact status, when the document decides it.
    let status: String?
    /// Statuses the result must not have.
    let statusNot: [String]
    /// Flat name → number.
    let values: [String: Double]
    /// Flat name → cell kind.
    let kinds: [String: String]
    /// Flat name → unit printed in the cell.
    let units: [String: String]
    /// Flat name → printed text of the cell.
    let raws: [String: String]
    /// Rule ids that must all appear among the findings.
    let rules: [String]
    /// Rule ids of which at least one must appear.
    let rulesAny: [String]
    /// Rule ids that must not appear.
    let noRules: [String]
    /// Rule ids that must not appear with severity `error` (an `info` saying how a layout was repaired is fine).
    let noErrorRules: [String]
    let findings: [ExpectedFinding]
    /// `t2.extra.1` → the numbers printed in that province-added row.
    let extraRows: [String: [Double]]
    /// True when the result must have no tables (rejected documents).
    let noTables: Bool
    /// The encoding the text must be decoded from.
    let encoding: String?

    enum CodingKeys: String, CodingKey {
        case template, year, body, title, status, values, kinds, units, raws, rules, findings, encoding
        case statusNot = "status_not"
        case rulesAny = "rules_any"
        case noRules = "no_rules"
        case noErrorRules = "no_error_rules"
        case extraRows = "extra_rows"
        case noTables = "no_tables"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        template = try c.decodeIfPresent(String.self, forKey: .template)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        title = c.contains(.title) ? .some(try c.decodeIfPresent(String.self, forKey: .title)) : .none
        status = try c.decodeIfPresent(String.self, forKey: .status)
        statusNot = try c.decodeIfPresent([String].self, forKey: .statusNot) ?? []
        values = try c.decodeIfPresent([String: Double].self, forKey: .values) ?? [:]
        kinds = try c.decodeIfPresent([String: String].self, forKey: .kinds) ?? [:]
        units = try c.decodeIfPresent([String: String].self, forKey: .units) ?? [:]
        raws = try c.decodeIfPresent([String: String].self, forKey: .raws) ?? [:]
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
        rulesAny = try c.decodeIfPresent([String].self, forKey: .rulesAny) ?? []
        noRules = try c.decodeIfPresent([String].self, forKey: .noRules) ?? []
        noErrorRules = try c.decodeIfPresent([String].self, forKey: .noErrorRules) ?? []
        findings = try c.decodeIfPresent([ExpectedFinding].self, forKey: .findings) ?? []
        extraRows = try c.decodeIfPresent([String: [Double]].self, forKey: .extraRows) ?? [:]
        noTables = try c.decodeIfPresent(Bool.self, forKey: .noTables) ?? false
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding)
    }

    static func load(_ name: String) throws -> Truth {
        let url = Fixtures.goldenFolder(name).appendingPathComponent("truth.json")
        return try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url))
    }
}

/// Numbers equal up to rounding of decimal amounts.
func sameNumber(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
}

/// The first lines where two texts differ, with a little context, for a failure message a person can read.
func lineDiff(expected: String, actual: String, context: Int = 3, maxLines: Int = 12) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var first = 0
    while first < min(e.count, a.count), e[first] == a[first] { first += 1 }
    if first == e.count && first == a.count { return "(no difference)" }
    var out = "first difference at line \(first + 1) (expected \(e.count) lines, got \(a.count)):\n"
    let from = max(0, first - context)
    for i in from..<first { out += "    \(e[i])\n" }
    var shown = 0
    var i = first
    while shown < maxLines, i < max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : nil
        let al = i < a.count ? String(a[i]) : nil
        if el != al {
            if let el { out += "  - \(el)\n" }
            if let al { out += "  + \(al)\n" }
        } else if let el {
            out += "    \(el)\n"
        }
        shown += 1
        i += 1
    }
    return out
}

/// Converts text between encodings with iconv (GB18030 has no `String.Encoding` on Linux); nil when the text
/// cannot be represented in the target encoding.
func iconvConvert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
    let cd = iconv_open(to, from)
    if cd == iconv_t(bitPattern: -1) { return nil }
    defer { iconv_close(cd) }
    if bytes.isEmpty { return [] }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            guard r != -1, inLeft == 0 else { return nil }
            return outBuf.count - outLeft
        }
    }
    guard let written else { return nil }
    return Array(output[..<written])
}
