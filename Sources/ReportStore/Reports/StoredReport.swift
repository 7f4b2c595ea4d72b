import Foundation
public import ReportModel

/// A stored report version as the store knows it: where it stands among the versions of its (body, year).
public struct StoredReport: Sendable, Hashable {
    public var id: ReportID
    public var body: String?
    public var year: Int?
    public var template: TemplateID?
    /// The report's status including its cross-year findings.
    public var status: ReportStatus
    /// 1 for the first report of its (body, year), counting up with each newer document or re-processing.
    public var version: Int
    /// The report this one replaced as current, if any.
    public var supersedes: ReportID?
    /// Whether this is the current version of its (body, year).
    public var isCurrent: Bool
    public var storedAt: Date
    public var file: String
    /// The document it was read from (nil for a report stored without one).
    public var documentSHA256: String?

    public init(id: ReportID, body: String?, year: Int?, template: TemplateID?, status: ReportStatus, version: Int,
                supersedes: ReportID?, isCurrent: Bool, storedAt: Date, file: String, documentSHA256: String?) {
        self.id = id
        self.body = body
        self.year = year
        self.template = template
        self.status = status
        self.version = version
        self.supersedes = supersedes
        self.isCurrent = isCurrent
        self.storedAt = storedAt
        self.file = file
        self.documentSHA256 = documentSHA256
    }
}
