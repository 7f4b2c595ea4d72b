import Foundation

/// A job as the queue records it.
public struct Job: Sendable, Hashable {
    public var id: JobID
    /// The document's SHA-256 (lowercase hex).
    public var sha256: String
    /// The inbox entry identity the job was accepted from (see ``IncomingFile/entry``).
    public var entry: String
    public var fileName: String
    public var state: JobState
    /// Runs that ended (completed or failed); a rescue is not an attempt.
    public var attempts: Int
    /// Times the job was found running at start-up and requeued.
    public var rescues: Int
    /// When a `queued` or `retrying` job may run next.
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// For a `duplicate`: the first job of the same document (nil once that job was pruned).
    public var duplicateOf: JobID?
    /// For a `stored` (or rejected-with-report) job: the report it produced.
    public var reportID: ReportID?

    public init(id: JobID, sha256: String, entry: String, fileName: String, state: JobState, attempts: Int = 0,
                rescues: Int = 0, nextAttemptAt: Date? = nil, lastError: String? = nil, createdAt: Date,
                updatedAt: Date, duplicateOf: JobID? = nil, reportID: ReportID? = nil) {
        self.id = id
        self.sha256 = sha256
        self.entry = entry
        self.fileName = fileName
        self.state = state
        self.attempts = attempts
        self.rescues = rescues
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.duplicateOf = duplicateOf
        self.reportID = reportID
    }
}
