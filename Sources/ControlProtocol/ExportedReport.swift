public import ReportModel

/// One current report as `export --format ndjson` and `json` write it: the `check --json` fields that
/// identify it, and its tables in the same shape.
public struct ExportedReport: Sendable, Hashable, Codable {
    public var body: String?
    public var year: Int?
    public var sha256: String?
    public var status: ReportStatus
    public var template: TemplateID?
    public var file: String
    /// 1, 2, … among the versions of its (body, year).
    public var version: Int
    /// Table id (`t2`, `t3`, `t4`) → row key → column key → cell.
    public var tables: [String: Table]
    /// The report's findings (its own and the cross-year ones), as `check --json` lists them.
    public var findings: [Finding]

    public init(body: String?, year: Int?, sha256: String?, status: ReportStatus, template: TemplateID?, file: String,
                version: Int, tables: [String: Table], findings: [Finding] = []) {
        self.body = body
        self.year = year
        self.sha256 = sha256
        self.status = status
        self.template = template
        self.file = file
        self.version = version
        self.tables = tables
        self.findings = findings
    }

    enum CodingKeys: String, CodingKey {
        case body, year, sha256, status, template, file, version, tables, findings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
        status = try c.decode(ReportStatus.self, forKey: .status)
        template = try c.decodeIfPresent(TemplateID.self, forKey: .template)
        file = try c.decode(String.self, forKey: .file)
        version = try c.decode(Int.self, forKey: .version)
        tables = try c.decode([String: Table].self, forKey: .tables)
        findings = try c.decodeIfPresent([Finding].self, forKey: .findings) ?? []
    }

    /// Unknown values are written as `null`, as `check --json` does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(body, forKey: .body)
        try c.encode(year, forKey: .year)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(status, forKey: .status)
        try c.encode(template, forKey: .template)
        try c.encode(file, forKey: .file)
        try c.encode(version, forKey: .version)
        try c.encode(tables, forKey: .tables)
        try c.encode(findings, forKey: .findings)
    }
}
