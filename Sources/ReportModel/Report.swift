/// One annual report as read from one file: metadata, sections, tables and findings.
///
/// Its JSON form is the `govreportctl check --json` shape of the report model (section 6).
public struct Report: Sendable, Hashable, Codable {
    public var file: String
    public var sha256: String
    /// `txt`, `html`, `docx`, `pdf`, … (what the bytes are, not what the name says).
    public var format: String
    /// The character encoding the text was decoded from, e.g. `utf-8`, `gb18030`, `utf-16le`.
    public var encoding: String?
    public var template: TemplateID?
    /// The statistics year.
    public var year: Int?
    /// The issuing organisation, from the title.
    public var body: String?
    public var title: String?
    /// The publication date as ISO `yyyy-mm-dd`, where the document prints one.
    public var published: String?
    public var status: ReportStatus
    public var sections: [SectionKey: Section]
    public var tables: [TableID: Table]
    public var findings: [Finding]
    /// Facts the reader saw that the validator weighs (years printed in several places).
    public var evidence: Evidence

    public init(file: String, sha256: String = "", format: String = "txt", encoding: String? = nil,
                template: TemplateID? = nil, year: Int? = nil, body: String? = nil, title: String? = nil,
                published: String? = nil, status: ReportStatus = .valid, sections: [SectionKey: Section] = [:],
                tables: [TableID: Table] = [:], findings: [Finding] = [], evidence: Evidence = Evidence()) {
        self.file = file
        self.sha256 = sha256
        self.format = format
        self.encoding = encoding
        self.template = template
        self.year = year
        self.body = body
        self.title = title
        self.published = published
        self.status = status
        self.sections = sections
        self.tables = tables
        self.findings = findings
        self.evidence = evidence
    }

    /// The numeric value of a cell, if the table and cell exist and carry a number.
    public func value(_ table: TableID, _ row: String, _ column: String) -> CellValue? {
        tables[table]?.value(row, column)
    }

    /// The template definition the report's tables follow, if any.
    public var definition: ReportTemplate? {
        template.flatMap(ReportTemplate.named)
    }

    enum CodingKeys: String, CodingKey {
        case file, sha256, format, encoding, template, year, body, title, published, status, sections, tables,
             findings, evidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256) ?? ""
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? "txt"
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding)
        template = try c.decodeIfPresent(TemplateID.self, forKey: .template)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        status = try c.decode(ReportStatus.self, forKey: .status)
        let rawSections = try c.decodeIfPresent([String: Section].self, forKey: .sections) ?? [:]
        sections = Dictionary(uniqueKeysWithValues: rawSections.compactMap { k, v in SectionKey(rawValue: k).map { ($0, v) } })
        let rawTables = try c.decodeIfPresent([String: Table].self, forKey: .tables) ?? [:]
        tables = Dictionary(uniqueKeysWithValues: rawTables.compactMap { k, v in TableID(rawValue: k).map { ($0, v) } })
        findings = try c.decodeIfPresent([Finding].self, forKey: .findings) ?? []
        evidence = try c.decodeIfPresent(Evidence.self, forKey: .evidence) ?? Evidence()
    }

    /// Encodes the spec's shape; `template`, `year`, `body`, `title` are null when unknown.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(format, forKey: .format)
        if let encoding { try c.encode(encoding, forKey: .encoding) } else { try c.encodeNil(forKey: .encoding) }
        if let template { try c.encode(template, forKey: .template) } else { try c.encodeNil(forKey: .template) }
        if let year { try c.encode(year, forKey: .year) } else { try c.encodeNil(forKey: .year) }
        if let body { try c.encode(body, forKey: .body) } else { try c.encodeNil(forKey: .body) }
        if let title { try c.encode(title, forKey: .title) } else { try c.encodeNil(forKey: .title) }
        try c.encodeIfPresent(published, forKey: .published)
        try c.encode(status, forKey: .status)
        try c.encode(Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value) }), forKey: .sections)
        try c.encode(Dictionary(uniqueKeysWithValues: tables.map { ($0.key.rawValue, $0.value) }), forKey: .tables)
        try c.encode(findings, forKey: .findings)
    }
}

/// Years and counts the reader saw in the document, kept for the validator (not part of the JSON shape).
public struct Evidence: Sendable, Hashable, Codable {
    /// The year in the title.
    public var titleYear: Int?
    /// The year of the 统计期限 ("统计期限自2020年1月1日至2020年12月31日").
    public var periodYear: Int?
    /// The year the heading of the document's body text names most often ("2020年，…").
    public var textYear: Int?

    public init(titleYear: Int? = nil, periodYear: Int? = nil, textYear: Int? = nil) {
        self.titleYear = titleYear
        self.periodYear = periodYear
        self.textYear = textYear
    }
}
