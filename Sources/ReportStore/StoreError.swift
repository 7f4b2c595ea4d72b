/// Why the store refused an operation (SQLite's own failures are ``SQLiteError``).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file was written by a newer govreport; this build understands schema versions up to `supported`.
    case schemaTooNew(found: Int, supported: Int)
    case jobNotFound(JobID)
    /// The operation needs a `running` job (complete, fail).
    case jobNotRunning(JobID, JobState)
    /// A job in this state cannot be retried (queued, running, retrying and duplicate jobs cannot).
    case jobNotRetryable(JobID, JobState)
    /// A document key must be 64 lowercase hex digits.
    case invalidSHA256(String)
    case reportNotFound(ReportID)
    /// The report's packed cells cannot be decoded (the file was damaged or edited by hand).
    case damagedReport(ReportID)
    /// Decisions are kept per (body, year); this report has neither or only one.
    case reportWithoutBodyAndYear(ReportID)

    public var description: String {
        switch self {
        case .schemaTooNew(let found, let supported):
            "the database has schema version \(found), this build supports up to \(supported); upgrade govreport"
        case .jobNotFound(let id): "no job \(id)"
        case .jobNotRunning(let id, let state): "job \(id) is \(state.rawValue), not running"
        case .jobNotRetryable(let id, let state):
            "job \(id) is \(state.rawValue); only failed, rejected, quarantined or stored jobs can be retried"
        case .invalidSHA256(let text): "not a lowercase hex SHA-256: \(text.prefix(80))"
        case .reportNotFound(let id): "no report \(id)"
        case .damagedReport(let id): "report \(id) is damaged: its packed cells cannot be read"
        case .reportWithoutBodyAndYear(let id): "report \(id) has no body and year, so decisions cannot be kept for it"
        }
    }
}
