public import ReportModel

/// A job with the body, year and status of the report it produced, as operators list jobs.
public struct JobListing: Sendable, Hashable {
    public var job: Job
    public var body: String?
    public var year: Int?
    public var reportStatus: ReportStatus?

    public init(job: Job, body: String? = nil, year: Int? = nil, reportStatus: ReportStatus? = nil) {
        self.job = job
        self.body = body
        self.year = year
        self.reportStatus = reportStatus
    }
}
