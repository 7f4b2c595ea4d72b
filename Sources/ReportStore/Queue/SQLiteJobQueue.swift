import Foundation
import ReportModel
public import ReportValidation

/// The durable ``JobQueue``: jobs, their history and the documents' bytes in the store's SQLite file.
///
/// Every change is one `BEGIN IMMEDIATE` transaction, so claimers on other threads or in other processes
/// queue on SQLite's write lock and never see the same job. Job counts come from `job_counts`, which
/// triggers keep in step with `jobs` in the same transactions.
public final class SQLiteJobQueue: JobQueue {
    public let database: StoreDatabase
    public let retryPolicy: RetryPolicy
    /// Rescues after which a job is quarantined as poison.
    public let maxRescues: Int
    private let writer: ReportWriter
    private let now: @Sendable () -> Date

    public init(database: StoreDatabase, retryPolicy: RetryPolicy = .standard, maxRescues: Int = 3,
                validator: ReportValidator = ReportValidator(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.retryPolicy = retryPolicy
        self.maxRescues = maxRescues
        self.writer = ReportWriter(names: database.cellNames, validator: validator)
        self.now = now
    }

    private var nowMilliseconds: Int64 { Milliseconds.from(now()) }

    public func enqueue(_ files: [IncomingFile]) throws -> [EnqueueOutcome] {
        for file in files where !IncomingFile.isValidSHA256(file.sha256) { throw StoreError.invalidSHA256(file.sha256) }
        let at = nowMilliseconds
        return try database.write { c in
            try files.map { file in
                let sha = SQLValue.text(file.sha256)
                if let id = try c.scalarInt("SELECT id FROM jobs WHERE document_sha256 = ? AND entry = ? ORDER BY id LIMIT 1",
                                            sha, .text(file.entry)) {
                    return .alreadyAccepted(JobID(id))
                }
                let received = file.receivedAt.map(Milliseconds.from) ?? at
                let isNew = try c.run("""
                    INSERT INTO documents (sha256, bytes, size, file_name, received_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (sha256) DO NOTHING
                    """, sha, .blob(file.bytes), .integer(Int64(file.bytes.count)), .text(file.fileName),
                    .integer(received)) == 1
                let first = isNew ? nil : try c.scalarInt("""
                    SELECT id FROM jobs WHERE document_sha256 = ? ORDER BY state = 'duplicate', id LIMIT 1
                    """, sha)
                let state: JobState = isNew ? .queued : .duplicate
                try c.run("""
                    INSERT INTO jobs (document_sha256, entry, file_name, state, next_attempt_at, created_at, updated_at,
                                      duplicate_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, sha, .text(file.entry), .text(file.fileName), .text(state.rawValue),
                    isNew ? .integer(at) : .null, .integer(at), .integer(at), first.map { .integer($0) } ?? .null)
                let id = JobID(c.lastInsertRowID)
                try record(id, from: nil, to: state, note: isNew ? "accepted \(file.fileName)"
                           : "same bytes as job \(first.map { String($0) } ?? "(pruned)")", at: at, c)
                return isNew ? .accepted(id) : .duplicate(id, of: first.map { JobID($0) })
            }
        }
    }

    /// Records refused inbox entries as `quarantined` jobs (with an empty document under their synthetic key),
    /// all in one transaction; an entry recorded before keeps its job. One job id per entry, in order.
    public func recordQuarantined(_ entries: [QuarantinedEntry]) throws -> [JobID] {
        for entry in entries where !IncomingFile.isValidSHA256(entry.documentKey) {
            throw StoreError.invalidSHA256(entry.documentKey)
        }
        let at = nowMilliseconds
        return try database.write { c in
            try entries.map { entry in
                if let id = try c.scalarInt("SELECT id FROM jobs WHERE entry = ? AND state = 'quarantined' LIMIT 1",
                                            .text(entry.entry)) {
                    return JobID(id)
                }
                try c.run("""
                    INSERT INTO documents (sha256, bytes, size, file_name, received_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (sha256) DO NOTHING
                    """, .text(entry.documentKey), .blob([]), .integer(Int64(entry.size)), .text(entry.fileName),
                    .integer(at))
                try c.run("""
                    INSERT INTO jobs (document_sha256, entry, file_name, state, last_error, created_at, updated_at)
                    VALUES (?, ?, ?, 'quarantined', ?, ?, ?)
                    """, .text(entry.documentKey), .text(entry.entry), .text(entry.fileName), .text(entry.reason),
                    .integer(at), .integer(at))
                let id = JobID(c.lastInsertRowID)
                try record(id, from: nil, to: .quarantined, note: entry.reason, at: at, c)
                return id
            }
        }
    }

    public func claim(limit: Int) throws -> [ClaimedJob] {
        let at = nowMilliseconds
        return try database.write { c in
            var due: [(id: Int64, state: String)] = []
            try c.query("""
                SELECT id, state FROM jobs INDEXED BY jobs_ready
                WHERE (state = 'queued' OR state = 'retrying') AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ?
                """, .integer(at), .integer(Int64(limit))) { due.append(($0.int64(0), $0.string(1))) }
            var claimed: [ClaimedJob] = []
            for job in due {
                try c.run("UPDATE jobs SET state = 'running', next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                          .integer(at), .integer(job.id))
                try record(JobID(job.id), from: JobState(rawValue: job.state), to: .running, note: nil, at: at, c)
                try c.query("""
                    SELECT j.document_sha256, j.file_name, j.attempts, j.rescues, d.bytes
                    FROM jobs j JOIN documents d ON d.sha256 = j.document_sha256 WHERE j.id = ?
                    """, .integer(job.id)) { row in
                    claimed.append(ClaimedJob(id: JobID(job.id), sha256: row.string(0), fileName: row.string(1),
                                              bytes: row.blob(4), attempts: row.int(2), rescues: row.int(3)))
                }
            }
            return claimed
        }
    }

    /// The report's cells encoded as ``complete(_:)`` stores them, for a worker to prepare outside the write
    /// transaction; nil when a cell is not one of its template's (an extra row), whose name the writer assigns.
    public func encodeCells(of report: Report) -> EncodedCells? {
        writer.encodedCells(of: report)
    }

    @discardableResult
    public func complete(_ completions: [JobCompletion]) throws -> [ReportID] {
        let at = nowMilliseconds
        return try database.write { c in
            try completions.map { completion in
                let job = try runningJob(completion.id, c)
                var report = completion.report
                report.sha256 = job.sha256
                let stored = try writer.insert(report, cells: completion.cells, at: at, in: c)
                let state: JobState = report.status == .rejected ? .rejected : .stored
                let error = state == .rejected ? report.findings.first { $0.severity == .error }?.message : nil
                try c.run("""
                    UPDATE jobs SET state = ?, attempts = attempts + 1, report_id = ?, last_error = coalesce(?, last_error),
                                    updated_at = ?
                    WHERE id = ?
                    """, .text(state.rawValue), .integer(stored.id.rawValue), .text(error), .integer(at),
                    .integer(completion.id.rawValue))
                try record(completion.id, from: .running, to: state,
                           note: "report \(stored.id) version \(stored.version): \(stored.status.rawValue)", at: at, c)
                return stored.id
            }
        }
    }

    public func fail(_ id: JobID, _ failure: JobFailure) throws -> JobState {
        let at = nowMilliseconds
        return try database.write { c in
            let job = try runningJob(id, c)
            let attempt = job.attempts + 1
            let state: JobState
            var next: Int64?
            switch failure {
            case .permanent:
                state = .rejected
            case .transient where retryPolicy.shouldRetry(attempt: attempt):
                state = .retrying
                next = at + Milliseconds.from(retryPolicy.backoff(attempt: attempt))
            case .transient:
                state = .failed
            }
            try c.run("""
                UPDATE jobs SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?
                """, .text(state.rawValue), .integer(Int64(attempt)), next.map { .integer($0) } ?? .null,
                .text(failure.message), .integer(at), .integer(id.rawValue))
            try record(id, from: .running, to: state, note: failure.message, at: at, c)
            return state
        }
    }

    public func retry(_ selection: RetrySelection) throws -> [JobID] {
        let at = nowMilliseconds
        return try database.write { c in
            var ids: [JobID] = []
            switch selection {
            case .jobs(let given):
                ids = given
            case .allFailedAndRejected:
                try c.query("SELECT id FROM jobs WHERE state IN ('failed', 'rejected') ORDER BY id") {
                    ids.append(JobID($0.int64(0)))
                }
            }
            for id in ids {
                guard let state = try c.scalarText("SELECT state FROM jobs WHERE id = ?", .integer(id.rawValue))
                    .flatMap(JobState.init(rawValue:)) else { throw StoreError.jobNotFound(id) }
                guard [.failed, .rejected, .quarantined, .stored].contains(state) else {
                    throw StoreError.jobNotRetryable(id, state)
                }
                try c.run("""
                    UPDATE jobs SET state = 'queued', attempts = 0, rescues = 0, next_attempt_at = ?, updated_at = ?
                    WHERE id = ?
                    """, .integer(at), .integer(at), .integer(id.rawValue))
                try record(id, from: state, to: .queued, note: "retry requested", at: at, c)
            }
            return ids
        }
    }

    public func rescueOrphans() throws -> RescueSummary {
        let at = nowMilliseconds
        return try database.write { c in
            var orphans: [(id: Int64, rescues: Int)] = []
            try c.query("SELECT id, rescues FROM jobs WHERE state = 'running' ORDER BY id") {
                orphans.append(($0.int64(0), $0.int(1)))
            }
            var summary = RescueSummary()
            for orphan in orphans {
                let rescues = orphan.rescues + 1
                let poison = rescues >= maxRescues
                let note = poison ? "running when the daemon stopped \(rescues) times: quarantined as poison"
                    : "running when the daemon stopped: rescue \(rescues)"
                try c.run("""
                    UPDATE jobs SET state = ?, rescues = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
                    WHERE id = ?
                    """, .text(poison ? "quarantined" : "queued"), .integer(Int64(rescues)),
                    poison ? .null : .integer(at), poison ? .text(note) : .null, .integer(at), .integer(orphan.id))
                try record(JobID(orphan.id), from: .running, to: poison ? .quarantined : .queued, note: note, at: at, c)
                if poison { summary.quarantined.append(JobID(orphan.id)) } else { summary.requeued.append(JobID(orphan.id)) }
            }
            return summary
        }
    }

    public func setIntakePaused(_ paused: Bool) throws {
        try database.write { c in
            try c.run("""
                INSERT INTO settings (key, value) VALUES ('intake_paused', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, .bool(paused))
        }
    }

    public func isIntakePaused() throws -> Bool {
        try database.read { try $0.scalarInt("SELECT value FROM settings WHERE key = 'intake_paused'") == 1 }
    }

    public func prune(finishedBefore cutoff: Date) throws -> Int {
        try database.write { c in
            try c.run("""
                DELETE FROM jobs INDEXED BY jobs_finished
                WHERE (state = 'stored' OR state = 'failed' OR state = 'rejected' OR state = 'duplicate') AND updated_at < ?
                """, .integer(Milliseconds.from(cutoff)))
        }
    }

    public func counts() throws -> [JobState: Int] {
        try database.read { c in
            var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            try c.query("SELECT state, n FROM job_counts") { row in
                if let state = JobState(rawValue: row.string(0)) { counts[state] = row.int(1) }
            }
            return counts
        }
    }

    public func job(_ id: JobID) throws -> Job? {
        try database.read { try Self.job(id, $0) }
    }

    public func jobs(in state: JobState?, limit: Int) throws -> [Job] {
        try database.read { c in
            var jobs: [Job] = []
            let sql = "SELECT \(Self.jobColumns) FROM jobs \(state == nil ? "" : "WHERE state = ?") ORDER BY id DESC LIMIT ?"
            let values: [SQLValue] = (state.map { [.text($0.rawValue)] } ?? []) + [.integer(Int64(limit))]
            try c.prepare(sql).query(values) { jobs.append(Self.job(from: $0)) }
            return jobs
        }
    }

    public func history(of id: JobID) throws -> [JobEvent] {
        try database.read { c in
            var events: [JobEvent] = []
            try c.query("SELECT at, from_state, to_state, note FROM job_events WHERE job_id = ? ORDER BY id",
                        .integer(id.rawValue)) { row in
                events.append(JobEvent(at: Milliseconds.date(row.int64(0)),
                                       from: row.optionalString(1).flatMap(JobState.init(rawValue:)),
                                       to: JobState(rawValue: row.string(2)) ?? .queued, note: row.optionalString(3)))
            }
            return events
        }
    }

    /// The original bytes of a document (empty for a quarantined entry, which is never read); nil if unknown.
    public func documentBytes(_ sha256: String) throws -> [UInt8]? {
        try database.read { c in
            var bytes: [UInt8]?
            try c.query("SELECT bytes FROM documents WHERE sha256 = ?", .text(sha256)) { bytes = $0.blob(0) }
            return bytes
        }
    }

    // MARK: One at a time (synchronous, like the batch methods above)

    /// Enqueues one file.
    public func enqueue(_ file: IncomingFile) throws -> EnqueueOutcome {
        try enqueue([file])[0]
    }

    /// Completes one job.
    @discardableResult
    public func complete(_ id: JobID, with report: Report) throws -> ReportID {
        try complete([JobCompletion(id: id, report: report)])[0]
    }

    // MARK: Helpers

    private static let jobColumns = """
        id, document_sha256, entry, file_name, state, attempts, rescues, next_attempt_at, last_error, created_at,
        updated_at, duplicate_of, report_id
        """

    private static func job(from row: Statement) -> Job {
        Job(id: JobID(row.int64(0)), sha256: row.string(1), entry: row.string(2), fileName: row.string(3),
            state: JobState(rawValue: row.string(4)) ?? .failed, attempts: row.int(5), rescues: row.int(6),
            nextAttemptAt: row.optionalInt64(7).map(Milliseconds.date), lastError: row.optionalString(8),
            createdAt: Milliseconds.date(row.int64(9)), updatedAt: Milliseconds.date(row.int64(10)),
            duplicateOf: row.optionalInt64(11).map(JobID.init(rawValue:)),
            reportID: row.optionalInt64(12).map(ReportID.init(rawValue:)))
    }

    private static func job(_ id: JobID, _ c: Connection) throws -> Job? {
        var job: Job?
        try c.query("SELECT \(jobColumns) FROM jobs WHERE id = ?", .integer(id.rawValue)) { job = Self.job(from: $0) }
        return job
    }

    private func runningJob(_ id: JobID, _ c: Connection) throws -> Job {
        guard let job = try Self.job(id, c) else { throw StoreError.jobNotFound(id) }
        guard job.state == .running else { throw StoreError.jobNotRunning(id, job.state) }
        return job
    }

    private func record(_ id: JobID, from: JobState?, to: JobState, note: String?, at: Int64, _ c: Connection) throws {
        try c.run("INSERT INTO job_events (job_id, at, from_state, to_state, note) VALUES (?, ?, ?, ?, ?)",
                  .integer(id.rawValue), .integer(at), .text(from?.rawValue), .text(to.rawValue), .text(note))
    }
}
