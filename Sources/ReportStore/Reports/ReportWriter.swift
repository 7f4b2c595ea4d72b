import Foundation
import ReportModel
import ReportValidation

/// Writes reports inside a write transaction: versions, sections, cells, findings, and the cross-year
/// findings against the same body's neighbouring years. Used by ``ReportStore`` and ``SQLiteJobQueue``.
struct ReportWriter: Sendable {
    let names: CellNameRegistry
    let validator: ReportValidator

    /// Stores one report as the new current version of its (body, year) — or, when it has no body and year,
    /// of its document. A rejected report does not replace a readable current report.
    func insert(_ report: Report, cells encoded: EncodedCells? = nil, at now: Int64, in c: Connection) throws -> StoredReport {
        let sha = report.sha256.isEmpty ? nil : report.sha256
        let identity: (body: String, year: Int)? = report.body.flatMap { body in report.year.map { (body, $0) } }
        let reader = ReportReader(names: names)

        // Which current report(s) this one replaces.
        var replaced: [(id: Int64, body: String?, year: Int?)] = []
        var isCurrent = true
        if let identity, let current = try currentID(identity.body, identity.year, c) {
            let currentStatus = try c.scalarText("SELECT status FROM reports WHERE id = ?", .integer(current))
            if report.status == .rejected && currentStatus != ReportStatus.rejected.rawValue {
                isCurrent = false
            } else {
                replaced.append((current, identity.body, identity.year))
            }
        }
        if isCurrent, let sha {
            try c.query("SELECT id, body, year FROM reports WHERE document_sha256 = ? AND is_current = 1", .text(sha)) { row in
                if !replaced.contains(where: { $0.id == row.int64(0) }) {
                    replaced.append((row.int64(0), row.optionalString(1), row.optionalInt64(2).map(Int.init)))
                }
            }
        }
        let version: Int64
        if let identity {
            version = 1 + (try c.scalarInt("SELECT max(version) FROM reports WHERE body = ? AND year = ?",
                                           .text(identity.body), .integer(Int64(identity.year))) ?? 0)
        } else if let sha {
            version = 1 + (try c.scalarInt("""
                SELECT max(version) FROM reports WHERE document_sha256 = ? AND (body IS NULL OR year IS NULL)
                """, .text(sha)) ?? 0)
        } else {
            version = 1
        }
        for old in replaced {
            try c.run("UPDATE reports SET is_current = 0 WHERE id = ?", .integer(old.id))
        }

        // Cross-year findings against last year's current report.
        var crossYear: [Finding] = []
        if isCurrent, let identity, report.status != .rejected,
           let previousID = try currentID(identity.body, identity.year - 1, c),
           let previous = try reader.report(ReportID(previousID), in: c, findings: false) {
            crossYear = validator.crossYearFindings(current: report, previous: previous)
        }
        let status = report.status.adding(crossYear)

        // The report row, then its parts.
        guard let cells = try encoded ?? cellRows(report, c).map(EncodedCells.init) else {
            throw SQLiteError(code: 1, message: "the cells of a report could not be named")  // a writer names every cell
        }
        let insertReport = try c.prepare("""
            INSERT INTO reports (document_sha256, file, format, encoding, template, year, body, title, published,
                                 parsed_status, status, version, supersedes, is_current, stored_at,
                                 title_year, period_year, text_year, extra_labels, cells_packed, cells_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try cells.json.withUnsafeBytes { json in
            // The step reads the borrowed JSON; the reset unbinds it before the buffer goes.
            defer { insertReport.reset() }
            try insertReport.bind([
                .text(sha), .text(report.file), .text(report.format), .text(report.encoding),
                .text(report.template?.rawValue), .integer(report.year), .text(report.body), .text(report.title),
                .text(report.published), .text(report.status.rawValue), .text(status.rawValue), .integer(version),
                replaced.first.map { .integer($0.id) } ?? .null, .bool(isCurrent), .integer(now),
                .integer(report.evidence.titleYear), .integer(report.evidence.periodYear),
                .integer(report.evidence.textYear), .text(try extraLabelsJSON(report)), .blob(cells.packed),
            ])
            try insertReport.bind(borrowing: json, at: 21)
            _ = try insertReport.step()
        }
        let id = c.lastInsertRowID

        let insertSection = try c.prepare("INSERT INTO sections (report_id, section, heading, text) VALUES (?, ?, ?, ?)")
        for key in report.sections.keys.sorted() {
            guard let section = report.sections[key] else { continue }
            try insertSection.run([.integer(id), .text(key.rawValue), .text(section.heading), .text(section.text)])
        }
        try insertFindings(report.findings, reportID: id, crossYear: false, c)
        try insertFindings(crossYear, reportID: id, crossYear: true, c)

        // Next year's current report compares itself with this pair (and with any pair this report left).
        if isCurrent {
            var pairs: [(String, Int)] = identity.map { [$0] } ?? []
            for old in replaced {
                if let body = old.body, let year = old.year, !pairs.contains(where: { $0 == (body, year) }) {
                    pairs.append((body, year))
                }
            }
            for (body, year) in pairs { try refreshCrossYear(body: body, year: year + 1, reader: reader, c) }
        }

        return StoredReport(id: ReportID(id), body: report.body, year: report.year, template: report.template,
                            status: status, version: Int(version), supersedes: replaced.first.map { ReportID($0.id) },
                            isCurrent: isCurrent, storedAt: Milliseconds.date(now), file: report.file,
                            documentSHA256: sha)
    }

    /// Recomputes the cross-year findings (and status) of the current report of (body, year), if there is one,
    /// against the current report of the year before.
    func refreshCrossYear(body: String, year: Int, reader: ReportReader, _ c: Connection) throws {
        guard let id = try currentID(body, year, c),
              let parsed = try c.scalarText("SELECT parsed_status FROM reports WHERE id = ?", .integer(id)),
              let parsedStatus = ReportStatus(rawValue: parsed) else { return }
        try c.run("DELETE FROM findings WHERE report_id = ? AND cross_year = 1", .integer(id))
        var crossYear: [Finding] = []
        if parsedStatus != .rejected, let previousID = try currentID(body, year - 1, c),
           let previous = try reader.report(ReportID(previousID), in: c, findings: false),
           let current = try reader.report(ReportID(id), in: c, findings: false) {
            crossYear = validator.crossYearFindings(current: current, previous: previous)
            try insertFindings(crossYear, reportID: id, crossYear: true, c)
        }
        // The report's own findings decided its parsed status; only the cross-year ones can add to it.
        try c.run("UPDATE reports SET status = ? WHERE id = ?", .text(parsedStatus.adding(crossYear).rawValue),
                  .integer(id))
    }

    private func currentID(_ body: String, _ year: Int, _ c: Connection) throws -> Int64? {
        try c.scalarInt("SELECT id FROM reports WHERE body = ? AND year = ? AND is_current = 1",
                        .text(body), .integer(Int64(year)))
    }

    /// The report's cells encoded without the database, when every one is a cell of its template.
    func encodedCells(of report: Report) -> EncodedCells? {
        (try? cellRows(report, nil)).flatMap { $0.map(EncodedCells.init) }
    }

    /// The report's cells with their name ids, in id order; without a writer connection, nil as soon as a cell
    /// needs a new name id.
    private func cellRows(_ report: Report, _ c: Connection?) throws -> [(nameID: Int64, cell: Cell)]? {
        var rows: [(nameID: Int64, cell: Cell)] = []
        rows.reserveCapacity(report.definition.map { $0.t2.cellCount + $0.t3.cellCount + $0.t4.cellCount } ?? 0)
        // The template's own cells have ids since the file was opened; others (extra rows) are looked up.
        let known = report.definition.flatMap(names.templateIDs)
        for (table, contents) in report.tables {
            let knownRows = known?[table]
            for (row, cells) in contents.rows {
                let knownColumns = knownRows?[row]
                for (column, cell) in cells {
                    if let id = knownColumns?.first(where: { $0.column == column })?.id {
                        rows.append((id, cell))
                    } else if let c {
                        rows.append((try names.id(for: .init(table: table, row: row, column: column), writer: c), cell))
                    } else {
                        return nil
                    }
                }
            }
        }
        // Ids are small and dense (every template cell has one from the start), so each cell is placed by its
        // id rather than sorted; a sort of small (id, position) pairs is the fallback.
        let maxID = rows.reduce(Int64(0)) { max($0, $1.nameID) }
        guard maxID < Int64(4 * rows.count + 256) else {
            let order = rows.indices.map { (id: rows[$0].nameID, position: $0) }.sorted { $0.id < $1.id }
            return order.map { rows[$0.position] }
        }
        var positions = [Int32](repeating: -1, count: Int(maxID) + 1)
        for (position, row) in rows.enumerated() { positions[Int(row.nameID)] = Int32(position) }
        var ordered: [(nameID: Int64, cell: Cell)] = []
        ordered.reserveCapacity(rows.count)
        for position in positions where position >= 0 { ordered.append(rows[Int(position)]) }
        return ordered
    }

    private func insertFindings(_ findings: [Finding], reportID: Int64, crossYear: Bool, _ c: Connection) throws {
        guard !findings.isEmpty else { return }
        let insert = try c.prepare("""
            INSERT INTO findings (report_id, rule, severity, section, tbl, row_key, col_key, source, message,
                                  expected, actual, fingerprint, cross_year)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for finding in findings {
            let location = finding.location
            try insert.run([
                .integer(reportID), .text(finding.rule), .text(finding.severity.rawValue),
                .text(location.section?.rawValue), .text(location.table?.rawValue), .text(location.row),
                .text(location.column), .text(location.source), .text(finding.message), SQLValue(finding.expected),
                SQLValue(finding.actual), .text(finding.fingerprint), .bool(crossYear),
            ])
        }
    }

    /// Labels of province-added rows, `{"t2": {"extra.1": "…"}}`, or nil when there are none.
    private func extraLabelsJSON(_ report: Report) throws -> String? {
        let labels = report.tables.filter { !$0.value.extraLabels.isEmpty }
        guard !labels.isEmpty else { return nil }
        let object = Dictionary(uniqueKeysWithValues: labels.map { ($0.key.rawValue, $0.value.extraLabels) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }
}
