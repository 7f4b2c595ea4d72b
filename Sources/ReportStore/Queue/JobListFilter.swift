/// Which jobs a listing shows; nil fields match every job. `body` and `year` are those of the job's report,
/// so a filter on either leaves out jobs without a report.
public struct JobListFilter: Sendable, Hashable {
    public var state: JobState?
    public var body: String?
    public var year: Int?

    public init(state: JobState? = nil, body: String? = nil, year: Int? = nil) {
        self.state = state
        self.body = body
        self.year = year
    }
}
