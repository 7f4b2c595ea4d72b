import Foundation
public import ReportModel
public import ReportValidation

/// Stored reports: every version of every (body, year), with cells, findings and people's decisions.
///
/// Storing a report makes it the current version of its (body, year) and runs the cross-year rules against
/// the same body's current report of the year before (and refreshes the following year's). Reads use their
/// own connections, so they never wait for a writer.
public final class ReportStore: Sendable {
    public let database: StoreDatabase
    let writer: ReportWriter
    private let now: @Sendable () -> Date

    public init(database: StoreDatabase, validator: ReportValidator = ReportValidator(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.writer = ReportWriter(names: database.cellNames, validator: validator)
        self.now = now
    }

    var reader: ReportReader { ReportReader(names: database.cellNames) }

    /// Stores the reports in one transaction (group commit), in order; all or none.
    ///
    /// A report's `sha256` must name a document already in the store (accepted through the queue), or be empty.
    @discardableResult
    public func store(_ reports: [Report]) throws -> [StoredReport] {
        let at = Milliseconds.from(now())
        return try database.write { c in try reports.map { try writer.insert($0, at: at, in: c) } }
    }

    /// Stores one report.
    @discardableResult
    public func store(_ report: Report) throws -> StoredReport {
        try store([report])[0]
    }

    /// The report as stored, with its own and its cross-year findings.
    public func report(_ id: ReportID) throws -> Report? {
        try database.read { try reader.report(id, in: $0, findings: true) }
    }

    /// Where a report version stands.
    public func storedReport(_ id: ReportID) throws -> StoredReport? {
        try database.read { try reader.stored(id, in: $0) }
    }

    /// The current version for (body, year).
    public func currentReport(body: String, year: Int) throws -> StoredReport? {
        try database.read { c in
            var result: StoredReport?
            try c.query("""
                SELECT \(ReportReader.storedColumns) FROM reports r WHERE r.body = ? AND r.year = ? AND r.is_current = 1
                """, .text(body), .integer(Int64(year))) { result = ReportReader.stored($0) }
            return result
        }
    }

    /// Every version of (body, year), oldest first.
    public func versions(body: String, year: Int) throws -> [StoredReport] {
        try database.read { c in
            var result: [StoredReport] = []
            try c.query("""
                SELECT \(ReportReader.storedColumns) FROM reports r WHERE r.body = ? AND r.year = ? ORDER BY r.version
                """, .text(body), .integer(Int64(year))) { result.append(ReportReader.stored($0)) }
            return result
        }
    }

    /// The report's findings with their decisions, its own first, then the cross-year ones.
    public func findings(of id: ReportID) throws -> [StoredFinding] {
        try database.read { try reader.findings(of: id, in: $0) }
    }

    /// The number of stored report versions, and how many of them are current.
    public func reportCounts() throws -> (all: Int, current: Int) {
        try database.read { c in
            let all = try c.scalarInt("SELECT count(*) FROM reports") ?? 0
            let current = try c.scalarInt("SELECT count(*) FROM reports WHERE is_current = 1") ?? 0
            return (Int(all), Int(current))
        }
    }

    var currentTime: Date { now() }
}
