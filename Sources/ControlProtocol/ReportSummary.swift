import Foundation
public import ReportModel

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
