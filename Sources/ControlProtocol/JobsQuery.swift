/// `jobs`: which jobs to list, newest first, one page at a time.
public struct JobsQuery: Sendable, Hashable, Codable {
    /// A job state (`queued`, `running`, `stored`, `retrying`, `failed`, `rejected`, `duplicate`, `quarantined`).
    public var state: String?
    /// The body of the job's report.
    public var body: String?
    /// The statistics year of the job's report.
    public var year: Int?
    /// Page size; the server caps it at 1,000. Default 50.
    public var limit: Int?
    /// Only jobs with a smaller id: pass the previous page's `next_before` to get the next page.
    public var before: Int64?

    public init(state: String? = nil, body: String? = nil, year: Int? = nil, limit: Int? = nil, before: Int64? = nil) {
        self.state = state
        self.body = body
        self.year = year
        self.limit = limit
        self.before = before
    }
}
