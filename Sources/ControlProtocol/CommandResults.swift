/// `retry`: the jobs put back in the queue (or, with `dry_run`, that would be).
public struct RetryResult: Sendable, Hashable, Codable {
    public var dryRun: Bool
    public var jobs: [Int64]

    public init(dryRun: Bool, jobs: [Int64]) {
        self.dryRun = dryRun
        self.jobs = jobs
    }

    enum CodingKeys: String, CodingKey {
        case jobs
        case dryRun = "dry_run"
    }
}

/// `pause` and `resume`: whether intake is paused now.
public struct IntakeResult: Sendable, Hashable, Codable {
    public var intakePaused: Bool

    public init(intakePaused: Bool) {
        self.intakePaused = intakePaused
    }

    enum CodingKeys: String, CodingKey {
        case intakePaused = "intake_paused"
    }
}

/// `decide`: the decision as recorded.
public struct DecisionResult: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var verdict: DecisionRequest.Verdict
    public var body: String
    public var year: Int
    /// The peer's user name.
    public var by: String
    public var note: String?

    public init(fingerprint: String, verdict: DecisionRequest.Verdict, body: String, year: Int, by: String,
                note: String?) {
        self.fingerprint = fingerprint
        self.verdict = verdict
        self.body = body
        self.year = year
        self.by = by
        self.note = note
    }
}

/// `export`: the `ok` before the chunks.
public struct ExportStart: Sendable, Hashable, Codable {
    public var format: ExportRequest.Format

    public init(format: ExportRequest.Format) {
        self.format = format
    }
}

/// `watch`: the `ok` before the events.
public struct WatchStart: Sendable, Hashable, Codable {
    /// The oldest sequence number the daemon still keeps (nil before the first event). A client that asked to
    /// resume after an older number has missed the events in between.
    public var oldest: UInt64?
    /// The newest sequence number so far (0 before the first event).
    public var latest: UInt64

    public init(oldest: UInt64?, latest: UInt64) {
        self.oldest = oldest
        self.latest = latest
    }
}
