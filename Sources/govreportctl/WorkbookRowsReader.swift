import ControlProtocol
import Foundation
import ReportExport
import ReportModel

/// Turns the daemon's `rows` export into workbook reports: each line is scanned in place (no JSON decoding of
/// whole reports), its values put where the column names in the `ok` result say, and each report handed to
/// the workbook with its findings once the next report starts.
struct WorkbookRowsReader {
    /// Where a value of a report row goes.
    private enum Target {
        case ignore, body, year, template, status, file
        /// A canonical cell: its index in ``ReportWorkbook/cellColumns`` and its table (0 t2, 1 t3, 2 t4).
        case cell(Int, Int)
    }

    private static let tables: [TableID] = [.t2, .t3, .t4]

    private let workbook: ReportWorkbook
    private var targets: [Target] = []
    private var findingFields: [FindingField?] = []
    private var scanner = JSONRowScanner()
    private var pending: WorkbookReport?
    private var cells = [XLSXCell](repeating: .empty, count: ReportWorkbook.cellColumns.count)
    private var hasTable = [false, false, false]
    private var carry: [UInt8] = []
    /// Reports handed to the workbook so far.
    private(set) var reports = 0

    init(workbook: ReportWorkbook) {
        self.workbook = workbook
    }

    /// Reads the column names from the export's `ok` line.
    mutating func start(_ okLine: Data) throws {
        let start: ExportStart
        do {
            start = try ControlJSON.decoder.decode(OKLine<ExportStart>.self, from: okLine).result
        } catch {
            throw ClientFailure.protocolError("无法读取导出的列名：\(ControlJSON.describe(error))")
        }
        guard let columns = start.columns, let findingColumns = start.findingColumns else {
            throw ClientFailure.protocolError("rows 导出缺少列名")
        }
        let cellIndex = Dictionary(uniqueKeysWithValues: ReportWorkbook.cellColumns.enumerated().map { ($1, $0) })
        targets = columns.map { name in
            switch name {
            case "body": return .body
            case "year": return .year
            case "template": return .template
            case "status": return .status
            case "file": return .file
            default:
                guard let index = cellIndex[name],
                      let table = Self.tables.firstIndex(where: { name.hasPrefix($0.rawValue + ".") }) else { return .ignore }
                return .cell(index, table)
            }
        }
        findingFields = findingColumns.map(FindingField.init(rawValue:))
    }

    /// Takes one chunk's data: whole lines, though a line cut between chunks is put back together.
    mutating func take(_ data: UnsafeRawBufferPointer) throws {
        var lineStart = 0
        for index in data.indices where data[index] == 0x0A {
            if carry.isEmpty {
                try line(UnsafeRawBufferPointer(rebasing: data[lineStart..<index]))
            } else {
                carry.append(contentsOf: data[lineStart..<index])
                let whole = carry
                carry.removeAll(keepingCapacity: true)
                try whole.withUnsafeBytes { try line($0) }
            }
            lineStart = index + 1
        }
        if lineStart < data.count { carry.append(contentsOf: data[lineStart...]) }
    }

    /// Hands the last report to the workbook; a line left unfinished is an error.
    mutating func finish() throws {
        guard carry.isEmpty else { throw ClientFailure.protocolError("rows 导出的最后一行不完整") }
        try flush()
    }

    private mutating func line(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        var kind = 0  // 1 report, 2 finding, 3 unknown (skipped)
        var report = ReportFields()
        var finding = FindingFields()
        let targets = targets
        let findingFields = findingFields
        var scanner = JSONRowScanner()
        swap(&scanner, &self.scanner)
        defer { swap(&scanner, &self.scanner) }
        do {
            try scanner.scan(bytes) { index, element in
                if index == 0 {
                    guard case .string(let tag) = element else { throw JSONRowScanner.Malformed(offset: 0) }
                    if tag.elementsEqual(ExportRows.reportTag.utf8) {
                        kind = 1
                        try flush()
                    } else if tag.elementsEqual(ExportRows.findingTag.utf8) {
                        kind = 2
                    } else {
                        kind = 3
                    }
                    return
                }
                switch kind {
                case 1 where index - 1 < targets.count: put(element, targets[index - 1], into: &report)
                case 2 where index - 1 < findingFields.count:
                    if let field = findingFields[index - 1] { finding.set(field, element) }
                default: break
                }
            }
        } catch let error as JSONRowScanner.Malformed {
            throw ClientFailure.protocolError("rows 导出有一行无法读取：\(error)")
        }
        switch kind {
        case 1:
            pending = WorkbookReport(
                body: report.body, year: report.year, template: report.template, status: report.status ?? "",
                file: report.file ?? "", cells: [], tables: Set(Self.tables.indices.filter { hasTable[$0] }.map { Self.tables[$0] }))
        case 2:
            guard pending != nil else { throw ClientFailure.protocolError("rows 导出的问题行前没有报告行") }
            pending!.findings.append(finding.finding)
        default:
            break
        }
    }

    /// Puts one value of a report row in place.
    private mutating func put(_ element: JSONRowScanner.Element, _ target: Target, into report: inout ReportFields) {
        switch target {
        case .ignore:
            return
        case .cell(let index, let table):
            switch element {
            case .null, .bool:
                cells[index] = .empty
                return
            case .number(let literal):
                cells[index] = .number(JSONRowScanner.double(literal))
            case .string(let text):
                cells[index] = ReportWorkbook.printed(String(decoding: text, as: UTF8.self))
            }
            hasTable[table] = true
        case .body: report.body = Self.string(element)
        case .template: report.template = Self.string(element)
        case .status: report.status = Self.string(element)
        case .file: report.file = Self.string(element)
        case .year:
            if case .number(let literal) = element { report.year = JSONRowScanner.integer(literal).map(Int.init) }
        }
    }

    /// Adds the report read so far (its cells are in `cells`) to the workbook and clears the cells.
    private mutating func flush() throws {
        guard var report = pending else { return }
        pending = nil
        swap(&report.cells, &cells)
        try workbook.add(report)
        swap(&report.cells, &cells)
        for index in cells.indices { cells[index] = .empty }
        hasTable = [false, false, false]
        reports += 1
    }

    fileprivate static func string(_ element: JSONRowScanner.Element) -> String? {
        guard case .string(let bytes) = element else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The identifying values of a report row.
private struct ReportFields {
    var body: String?
    var year: Int?
    var template: String?
    var status: String?
    var file: String?
}

/// The values of a finding row, by name.
private enum FindingField: String {
    case rule, severity, message, section, table, row, column, expected, actual, fingerprint
}

/// The values of a finding row as they are read.
private struct FindingFields {
    var rule = ""
    var severity = ""
    var message = ""
    var section: String?
    var table: String?
    var row: String?
    var column: String?
    var expected: Double?
    var actual: Double?
    var fingerprint = ""

    mutating func set(_ field: FindingField, _ element: JSONRowScanner.Element) {
        switch (field, element) {
        case (.expected, .number(let literal)): expected = JSONRowScanner.double(literal)
        case (.actual, .number(let literal)): actual = JSONRowScanner.double(literal)
        case (_, .string(let bytes)):
            let text = String(decoding: bytes, as: UTF8.self)
            switch field {
            case .rule: rule = text
            case .severity: severity = text
            case .message: message = text
            case .section: section = text
            case .table: table = text
            case .row: row = text
            case .column: column = text
            case .fingerprint: fingerprint = text
            case .expected, .actual: break
            }
        default: break
        }
    }

    var finding: WorkbookFinding {
        WorkbookFinding(rule: rule, severity: severity, message: message, section: section, table: table, row: row,
                        column: column, expected: expected, actual: actual, fingerprint: fingerprint)
    }
}
