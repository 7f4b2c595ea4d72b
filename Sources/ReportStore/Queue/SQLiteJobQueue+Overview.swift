import Foundation
import ReportModel

/// Read-only queries for operators: job listings with their reports, recent errors and throughput.
extension SQLiteJobQueue {
    /// Jobs matching the filter with an id below `before` (all when nil), newest first, at most `limit`.
    public func listJobs(_ filter: JobListFilter = JobListFilter(), before: JobID? = nil, limit: Int) throws -> [JobListing] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let state = filter.state {
            conditions.append("j.state = ?")
            values.append(.text(state.rawValue))
        }
        if let before {
            conditions.append("j.id < ?")
            values.append(.integer(before.rawValue))
        }
        if let body = filter.body {
            conditions.append("r.body = ?")
            values.append(.text(body))
        }
        if let year = filter.year {
            conditions.append("r.year = ?")
            values.append(.integer(Int64(year)))
        }
        values.append(.integer(Int64(max(0, limit))))
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.read { c in
            var listings: [JobListing] = []
            try c.prepare("""
                SELECT \(Self.listingColumns) FROM jobs j LEFT JOIN reports r ON r.id = j.report_id
                \(condition) ORDER BY j.id DESC LIMIT ?
                """).query(values) { listings.append(Self.listing(from: $0)) }
            return listings
        }
    }

    /// One job with its report's body, year and status.
    public func listing(_ id: JobID) throws -> JobListing? {
        try database.read { c in
            var listing: JobListing?
            try c.query("""
                SELECT \(Self.listingColumns) FROM jobs j LEFT JOIN reports r ON r.id = j.report_id WHERE j.id = ?
                """, .integer(id.rawValue)) { listing = Self.listing(from: $0) }
            return listing
        }
    }

    /// The jobs whose last run went wrong — failed, rejected, retrying or quarantined — most recently
    /// changed first.
    public func latestErrors(limit: Int) throws -> [JobListing] {
        try database.read { c in
            var listings: [JobListing] = []
            try c.query("""
                SELECT \(Self.listingColumns) FROM jobs j LEFT JOIN reports r ON r.id = j.report_id
                WHERE j.state IN ('failed', 'rejected', 'retrying', 'quarantined')
                ORDER BY j.updated_at DESC, j.id DESC LIMIT ?
                """, .integer(Int64(max(0, limit)))) { listings.append(Self.listing(from: $0)) }
            return listings
        }
    }

    /// How many jobs are `stored` now and last changed at or after `since` (for throughput over a window).
    public func storedCount(since: Date) throws -> Int {
        try database.read { c in
            Int(try c.scalarInt("""
                SELECT count(*) FROM jobs INDEXED BY jobs_finished
                WHERE (state = 'stored' OR state = 'failed' OR state = 'rejected' OR state = 'duplicate')
                  AND updated_at >= ? AND state = 'stored'
                """, .integer(Milliseconds.from(since))) ?? 0)
        }
    }

    /// When the oldest job still `queued` was created; nil when none is queued.
    public func oldestQueuedCreatedAt() throws -> Date? {
        try database.read { c in
            try c.scalarInt("SELECT created_at FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1")
                .map(Milliseconds.date)
        }
    }

    /// The ids of the jobs in these states, oldest first (what `retry --failed` / `--rejected` would requeue).
    public func jobIDs(in states: Set<JobState>) throws -> [JobID] {
        guard !states.isEmpty else { return [] }
        let sorted = states.map(\.rawValue).sorted()
        return try database.read { c in
            var ids: [JobID] = []
            try c.prepare("""
                SELECT id FROM jobs WHERE state IN (\(sorted.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                """).query(sorted.map { .text($0) }) { ids.append(JobID($0.int64(0))) }
            return ids
        }
    }

    private static let listingColumns = """
        j.id, j.document_sha256, j.entry, j.file_name, j.state, j.attempts, j.rescues, j.next_attempt_at,
        j.last_error, j.created_at, j.updated_at, j.duplicate_of, j.report_id, r.body, r.year, r.status
        """

    private static func listing(from row: Statement) -> JobListing {
        let job = Job(id: JobID(row.int64(0)), sha256: row.string(1), entry: row.string(2), fileName: row.string(3),
                      state: JobState(rawValue: row.string(4)) ?? .failed, attempts: row.int(5), rescues: row.int(6),
                      nextAttemptAt: row.optionalInt64(7).map(Milliseconds.date), lastError: row.optionalString(8),
                      createdAt: Milliseconds.date(row.int64(9)), updatedAt: Milliseconds.date(row.int64(10)),
                      duplicateOf: row.optionalInt64(11).map(JobID.init(rawValue:)),
                      reportID: row.optionalInt64(12).map(ReportID.init(rawValue:)))
        return JobListing(job: job, body: row.optionalString(13), year: row.optionalInt64(14).map(Int.init),
                          reportStatus: row.optionalString(15).flatMap(ReportStatus.init(rawValue:)))
    }
}
