import Foundation

/// `status`: how the daemon is doing, like `systemctl status`.
public struct StatusResult: Sendable, Hashable, Codable {
    public var daemon: String
    public var `protocol`: Int
    public var pid: Int32
    public var startedAt: Date
    public var uptimeSeconds: Double
    public var inbox: String
    public var database: String
    public var intakePaused: Bool
    public var jobs: JobCounts
    /// Stored report versions, and how many of them are current.
    public var reports: ReportCounts
    /// Jobs stored in the last 1, 5 and 15 minutes.
    public var throughput: [ThroughputWindow]
    /// Age of the oldest `queued` job, in seconds; nil when none is queued.
    public var oldestQueuedAgeSeconds: Double?
    /// The jobs that failed, were rejected or are retrying most recently, newest first.
    public var latestErrors: [JobSummary]

    public init(daemon: String, protocol: Int = ProtocolVersion.current, pid: Int32, startedAt: Date,
                uptimeSeconds: Double, inbox: String, database: String, intakePaused: Bool, jobs: JobCounts,
                reports: ReportCounts, throughput: [ThroughputWindow], oldestQueuedAgeSeconds: Double?,
                latestErrors: [JobSummary]) {
        self.daemon = daemon
        self.protocol = `protocol`
        self.pid = pid
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.inbox = inbox
        self.database = database
        self.intakePaused = intakePaused
        self.jobs = jobs
        self.reports = reports
        self.throughput = throughput
        self.oldestQueuedAgeSeconds = oldestQueuedAgeSeconds
        self.latestErrors = latestErrors
    }

    enum CodingKeys: String, CodingKey {
        case daemon, `protocol`, pid, inbox, database, jobs, reports, throughput
        case startedAt = "started_at", uptimeSeconds = "uptime_seconds", intakePaused = "intake_paused"
        case oldestQueuedAgeSeconds = "oldest_queued_age_seconds", latestErrors = "latest_errors"
    }
}
