import Foundation
public import ReportModel

/// Read-only queries for operators: a report's summary, where a finding occurs, and current reports with
/// their tables for exports.
extension ReportStore {
    /// The report version with its title and finding counts by severity.
    public func overview(of id: ReportID) throws -> ReportOverview? {
        try database.read { c in
            guard let stored = try reader.stored(id, in: c) else { return nil }
            let title = try c.scalarText("SELECT title FROM reports WHERE id = ?", .integer(id.rawValue))
            var counts: [String: Int] = [:]
            try c.query("SELECT severity, count(*) FROM findings WHERE report_id = ? GROUP BY severity",
                        .integer(id.rawValue)) { counts[$0.string(0)] = $0.int(1) }
            return ReportOverview(stored: stored, title: title, errors: counts["error"] ?? 0,
                                  warnings: counts["warning"] ?? 0, infos: counts["info"] ?? 0)
        }
    }

    /// The (body, year) of every current report that has a finding with this fingerprint, ordered.
    public func currentReports(withFinding fingerprint: String) throws -> [(body: String, year: Int)] {
        try database.read { c in
            var result: [(body: String, year: Int)] = []
            try c.query("""
                SELECT DISTINCT r.body, r.year FROM findings f JOIN reports r ON r.id = f.report_id
                WHERE f.fingerprint = ? AND r.is_current = 1 AND r.body IS NOT NULL AND r.year IS NOT NULL
                ORDER BY r.body, r.year
                """, .text(fingerprint)) { result.append((body: $0.string(0), year: $0.int(1))) }
            return result
        }
    }

    /// Whether any report of (body, year) has a finding with this fingerprint.
    public func hasFinding(_ fingerprint: String, body: String, year: Int) throws -> Bool {
        try database.read { c in
            try c.scalarInt("""
                SELECT 1 FROM findings f JOIN reports r ON r.id = f.report_id
                WHERE f.fingerprint = ? AND r.body = ? AND r.year = ? LIMIT 1
                """, .text(fingerprint), .text(body), .integer(Int64(year))) != nil
        }
    }

    /// Every current report matching the filter, ordered by body and year, with its tables (every cell as
    /// stored) but no sections or findings: one row read per report, so memory stays flat.
    public func forEachCurrentReport(matching filter: ReportFilter = .all,
                                     _ body: (StoredReport, [TableID: Table]) throws -> Void) throws {
        try forEachCurrent(matching: filter, withFindings: false) { report, tables, _ in try body(report, tables) }
    }

    /// Like ``forEachCurrentReport(matching:_:)``, with each report's findings (its own, then the cross-year
    /// ones) read on the same connection: one report's findings in memory at a time.
    public func forEachCurrentReportWithFindings(matching filter: ReportFilter = .all,
                                                 _ body: (StoredReport, [TableID: Table], [StoredFinding]) throws -> Void)
        throws {
        try forEachCurrent(matching: filter, withFindings: true, body)
    }

    private func forEachCurrent(matching filter: ReportFilter, withFindings: Bool,
                                _ body: (StoredReport, [TableID: Table], [StoredFinding]) throws -> Void) throws {
        try database.read { c in
            let (condition, values) = filter.whereClause
            try c.prepare("""
                SELECT \(ReportReader.storedColumns), r.cells_packed
                FROM reports r WHERE \(condition) ORDER BY r.body, r.year, r.id
                """).query(values) { row in
                let report = ReportReader.stored(row)
                guard let tables = try row.withUnsafeBytes(11, { try reader.tables(packed: $0, c) }) else {
                    throw StoreError.damagedReport(report.id)
                }
                try body(report, tables, withFindings ? try reader.findings(of: report.id, in: c) : [])
            }
        }
    }
}
