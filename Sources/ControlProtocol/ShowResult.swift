/// `show`: a job, its history, its report's summary and the report's findings with their decisions.
public struct ShowResult: Sendable, Hashable, Codable {
    public var job: JobSummary
    /// Oldest first.
    public var history: [JobHistoryEntry]
    public var report: ReportSummary?
    public var findings: [FindingSummary]

    public init(job: JobSummary, history: [JobHistoryEntry], report: ReportSummary?, findings: [FindingSummary]) {
        self.job = job
        self.history = history
        self.report = report
        self.findings = findings
    }
}
