/// `retry`: jobs to put back in the queue — by id, or every failed and/or every rejected job.
public struct RetryRequest: Sendable, Hashable, Codable {
    public var jobs: [Int64]
    /// Every `failed` job.
    public var failed: Bool
    /// Every `rejected` job.
    public var rejected: Bool
    /// Only list what would be retried; change nothing.
    public var dryRun: Bool

    public init(jobs: [Int64] = [], failed: Bool = false, rejected: Bool = false, dryRun: Bool = false) {
        self.jobs = jobs
        self.failed = failed
        self.rejected = rejected
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case jobs, failed, rejected
        case dryRun = "dry_run"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        jobs = try c.decodeIfPresent([Int64].self, forKey: .jobs) ?? []
        failed = try c.decodeIfPresent(Bool.self, forKey: .failed) ?? false
        rejected = try c.decodeIfPresent(Bool.self, forKey: .rejected) ?? false
        dryRun = try c.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
    }
}
