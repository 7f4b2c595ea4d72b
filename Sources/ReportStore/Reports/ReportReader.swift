import Foundation
import ReportModel

/// Reads stored reports back into the model's values.
struct ReportReader {
    let names: CellNameRegistry

    /// The columns ``stored(_:offset:)`` reads, for a reports table aliased `r`.
    static let storedColumns = "r.id, r.body, r.year, r.template, r.status, r.version, r.supersedes, r.is_current, "
        + "r.stored_at, r.file, r.document_sha256"

    /// The metadata of a report row selected with ``storedColumns`` (starting at column `offset`).
    static func stored(_ row: Statement, offset: Int32 = 0) -> StoredReport {
        StoredReport(
            id: ReportID(row.int64(offset)), body: row.optionalString(offset + 1),
            year: row.optionalInt64(offset + 2).map(Int.init),
            template: row.optionalString(offset + 3).flatMap(TemplateID.init(rawValue:)),
            status: ReportStatus(rawValue: row.string(offset + 4)) ?? .invalid, version: row.int(offset + 5),
            supersedes: row.optionalInt64(offset + 6).map(ReportID.init(rawValue:)), isCurrent: row.int(offset + 7) == 1,
            storedAt: Milliseconds.date(row.int64(offset + 8)), file: row.string(offset + 9),
            documentSHA256: row.optionalString(offset + 10))
    }

    func stored(_ id: ReportID, in c: Connection) throws -> StoredReport? {
        var result: StoredReport?
        try c.query("SELECT \(Self.storedColumns) FROM reports r WHERE r.id = ?", .integer(id.rawValue)) {
            result = Self.stored($0)
        }
        return result
    }

    /// The report as it was stored (with its cross-year findings when `findings` is true).
    func report(_ id: ReportID, in c: Connection, findings: Bool) throws -> Report? {
        var found: Report?
        var extraLabels: String?
        var tables: [TableID: Table]?
        try c.query("""
            SELECT file, document_sha256, format, encoding, template, year, body, title, published, status,
                   title_year, period_year, text_year, extra_labels, cells_packed
            FROM reports WHERE id = ?
            """, .integer(id.rawValue)) { row in
            tables = try row.withUnsafeBytes(14) { try self.tables(packed: $0, c) }
            found = Report(
                file: row.string(0), sha256: row.optionalString(1) ?? "", format: row.string(2),
                encoding: row.optionalString(3), template: row.optionalString(4).flatMap(TemplateID.init(rawValue:)),
                year: row.optionalInt64(5).map(Int.init), body: row.optionalString(6), title: row.optionalString(7),
                published: row.optionalString(8), status: ReportStatus(rawValue: row.string(9)) ?? .invalid,
                evidence: Evidence(titleYear: row.optionalInt64(10).map(Int.init),
                                   periodYear: row.optionalInt64(11).map(Int.init),
                                   textYear: row.optionalInt64(12).map(Int.init)))
            extraLabels = row.optionalString(13)
        }
        guard var report = found else { return nil }
        guard let tables else { throw StoreError.damagedReport(id) }
        report.tables = tables

        try c.query("SELECT section, heading, text FROM sections WHERE report_id = ?", .integer(id.rawValue)) { row in
            if let key = SectionKey(rawValue: row.string(0)) {
                report.sections[key] = Section(heading: row.string(1), text: row.string(2))
            }
        }
        if let extraLabels, let labels = try? JSONDecoder().decode([String: [String: String]].self,
                                                                     from: Data(extraLabels.utf8)) {
            for (table, rows) in labels {
                if let table = TableID(rawValue: table) { report.tables[table, default: Table()].extraLabels = rows }
            }
        }
        if findings {
            report.findings = try self.findings(of: id, in: c).map(\.finding)
        }
        return report
    }

    /// The report's tables from its packed cells, or nil when the blob is damaged.
    ///
    /// Cells come in name id order, so a row's cells are (almost always) together: each row is built whole
    /// and stored once, which keeps hashing down (this runs for last year's report at every store).
    func tables(packed: UnsafeRawBufferPointer, _ c: Connection) throws -> [TableID: Table]? {
        var known = names.knownNamesByID()
        var tables: [TableID: [String: [String: Cell]]] = [:]
        var table = TableID.t2
        var row = ""
        var cells: [String: Cell] = [:]
        func flush() {
            guard !cells.isEmpty else { return }
            if tables[table]?[row] == nil {
                tables[table, default: [:]][row] = cells
            } else {
                tables[table]![row]!.merge(cells) { $1 }
            }
        }
        let intact = try PackedCells.forEach(packed) { entry in
            if entry.nameID >= known.count || known[entry.nameID] == nil {
                try names.reload(c)
                known = names.knownNamesByID()
            }
            guard entry.nameID < known.count, let name = known[entry.nameID] else { return }
            if name.table != table || name.row != row {
                flush()
                table = name.table
                row = name.row
                cells = Dictionary(minimumCapacity: 7)
            }
            cells[name.column] = entry.cell
        }
        guard intact else { return nil }
        flush()
        return tables.mapValues { Table(rows: $0) }
    }

    /// The report's findings in the order they were stored (its own first, then cross-year ones).
    func findings(of id: ReportID, in c: Connection) throws -> [StoredFinding] {
        var result: [StoredFinding] = []
        try c.query("""
            SELECT f.rule, f.severity, f.section, f.tbl, f.row_key, f.col_key, f.source, f.message, f.expected,
                   f.actual, f.fingerprint, f.cross_year,
                   d.body, d.year, d.decision, d.decided_by, d.decided_at, d.note
            FROM findings f
            JOIN reports r ON r.id = f.report_id
            LEFT JOIN decisions d ON d.fingerprint = f.fingerprint AND d.body = r.body AND d.year = r.year
            WHERE f.report_id = ?
            ORDER BY f.id
            """, .integer(id.rawValue)) { row in
            result.append(StoredFinding(reportID: id, finding: Self.finding(row), crossYear: row.int(11) == 1,
                                        decision: Self.decision(row, offset: 12, fingerprint: row.string(10))))
        }
        return result
    }

    /// A finding from columns rule, severity, section, tbl, row_key, col_key, source, message, expected,
    /// actual, fingerprint.
    static func finding(_ row: Statement, offset: Int32 = 0) -> Finding {
        let location = FindingLocation(
            section: row.optionalString(offset + 2).flatMap(SectionKey.init(rawValue:)),
            table: row.optionalString(offset + 3).flatMap(TableID.init(rawValue:)),
            row: row.optionalString(offset + 4), column: row.optionalString(offset + 5),
            source: row.optionalString(offset + 6))
        var finding = Finding(rule: row.string(offset), severity: Severity(rawValue: row.string(offset + 1)) ?? .error,
                              message: row.string(offset + 7), location: location,
                              expected: row.value(offset + 8).cellValue, actual: row.value(offset + 9).cellValue)
        finding.fingerprint = row.string(offset + 10)
        return finding
    }

    /// A decision from columns body, year, decision, decided_by, decided_at, note (nil when decision is NULL).
    static func decision(_ row: Statement, offset: Int32, fingerprint: String) -> FindingDecision? {
        guard let verdict = row.optionalString(offset + 2).flatMap(FindingDecision.Verdict.init(rawValue:)) else {
            return nil
        }
        return FindingDecision(fingerprint: fingerprint, body: row.string(offset), year: row.int(offset + 1),
                               verdict: verdict, decidedBy: row.string(offset + 3),
                               decidedAt: Milliseconds.date(row.int64(offset + 4)), note: row.optionalString(offset + 5))
    }
}
