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
