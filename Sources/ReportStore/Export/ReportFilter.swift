public import ReportModel

/// Which current reports an export covers; nil fields match everything.
public struct ReportFilter: Sendable, Hashable {
    public var year: Int?
    public var body: String?
    public var status: ReportStatus?
    public var template: TemplateID?

    public init(year: Int? = nil, body: String? = nil, status: ReportStatus? = nil, template: TemplateID? = nil) {
        self.year = year
        self.body = body
        self.status = status
        self.template = template
    }

    /// Every current report.
    public static let all = ReportFilter()

    /// `r.is_current = 1 AND …` for a reports table aliased `r`, with its parameters.
    var whereClause: (sql: String, values: [SQLValue]) {
        var sql = "r.is_current = 1"
        var values: [SQLValue] = []
        if let year {
            sql += " AND r.year = ?"
            values.append(.integer(Int64(year)))
        }
        if let body {
            sql += " AND r.body = ?"
            values.append(.text(body))
        }
        if let status {
            sql += " AND r.status = ?"
            values.append(.text(status.rawValue))
        }
        if let template {
            sql += " AND r.template = ?"
            values.append(.text(template.rawValue))
        }
        return (sql, values)
    }
}
