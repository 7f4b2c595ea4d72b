public import ReportModel

/// A finding of a stored report, with where it came from and what a person decided about it.
public struct StoredFinding: Sendable, Hashable {
    public var reportID: ReportID
    public var finding: Finding
    /// True for the cross-year rules (X-*) the store ran against last year's report.
    public var crossYear: Bool
    public var decision: FindingDecision?

    public init(reportID: ReportID, finding: Finding, crossYear: Bool, decision: FindingDecision? = nil) {
        self.reportID = reportID
        self.finding = finding
        self.crossYear = crossYear
        self.decision = decision
    }
}
