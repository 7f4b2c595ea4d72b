public import ReportModel

/// A finding of a stored report, with the decision a person made about it.
public struct FindingSummary: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: FindingLocation
    public var fingerprint: String
    /// True for the cross-year rules, run against last year's report.
    public var crossYear: Bool
    public var decision: DecisionSummary?

    public init(rule: String, severity: Severity, message: String, location: FindingLocation, fingerprint: String,
                crossYear: Bool, decision: DecisionSummary?) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.fingerprint = fingerprint
        self.crossYear = crossYear
        self.decision = decision
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity, message, location, fingerprint, decision
        case crossYear = "cross_year"
    }
}
