/// `jobs`: one page of jobs, newest first.
public struct JobsResult: Sendable, Hashable, Codable {
    public var jobs: [JobSummary]
    /// Pass as `before` to get the next page; nil on the last page.
    public var nextBefore: Int64?

    public init(jobs: [JobSummary], nextBefore: Int64?) {
        self.jobs = jobs
        self.nextBefore = nextBefore
    }

    enum CodingKeys: String, CodingKey {
        case jobs
        case nextBefore = "next_before"
    }
}
