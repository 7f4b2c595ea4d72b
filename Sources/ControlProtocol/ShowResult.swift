import Foundation
public import ReportModel

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

/// One state change of a job.
public struct JobHistoryEntry: Sendable, Hashable, Codable {
    public var at: Date
    /// Nil for the event that created the job.
    public var from: String?
    public var to: String
    public var note: String?

    public init(at: Date, from: String?, to: String, note: String?) {
        self.at = at
        self.from = from
        self.to = to
        self.note = note
    }
}

/// A stored report version, briefly.
public struct ReportSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var body: String?
    public var year: Int?
    public var template: String?
    public var status: ReportStatus
    public var version: Int
    public var isCurrent: Bool
    public var file: String
    public var title: String?
    public var storedAt: Date
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(id: Int64, body: String?, year: Int?, template: String?, status: ReportStatus, version: Int,
                isCurrent: Bool, file: String, title: String?, storedAt: Date, errors: Int, warnings: Int, infos: Int) {
        self.id = id
        self.body = body
        self.year = year
        self.template = template
        self.status = status
        self.version = version
        self.isCurrent = isCurrent
        self.file = file
        self.title = title
        self.storedAt = storedAt
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    enum CodingKeys: String, CodingKey {
        case id, body, year, template, status, version, file, title, errors, warnings, infos
        case isCurrent = "is_current", storedAt = "stored_at"
    }
}

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

/// What a person decided about a finding.
public struct DecisionSummary: Sendable, Hashable, Codable {
    public var verdict: DecisionRequest.Verdict
    public var by: String
    public var at: Date
    public var note: String?

    public init(verdict: DecisionRequest.Verdict, by: String, at: Date, note: String?) {
        self.verdict = verdict
        self.by = by
        self.at = at
        self.note = note
    }
}
