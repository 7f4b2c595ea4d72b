import Foundation

/// One job as `jobs`, `show` and `status` list it, with its report's body, year and status when it has one.
public struct JobSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var file: String
    public var state: String
    public var attempts: Int
    public var sha256: String
    public var createdAt: Date
    public var updatedAt: Date
    public var lastError: String?
    public var duplicateOf: Int64?
    public var reportID: Int64?
    public var body: String?
    public var year: Int?
    /// The report's status (`valid`, `warnings`, `invalid`, `rejected`).
    public var reportStatus: String?

    public init(id: Int64, file: String, state: String, attempts: Int, sha256: String, createdAt: Date,
                updatedAt: Date, lastError: String? = nil, duplicateOf: Int64? = nil, reportID: Int64? = nil,
                body: String? = nil, year: Int? = nil, reportStatus: String? = nil) {
        self.id = id
        self.file = file
        self.state = state
        self.attempts = attempts
        self.sha256 = sha256
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastError = lastError
        self.duplicateOf = duplicateOf
        self.reportID = reportID
        self.body = body
        self.year = year
        self.reportStatus = reportStatus
    }

    enum CodingKeys: String, CodingKey {
        case id, file, state, attempts, sha256, body, year
        case createdAt = "created_at", updatedAt = "updated_at", lastError = "last_error"
        case duplicateOf = "duplicate_of", reportID = "report_id", reportStatus = "report_status"
    }
}
