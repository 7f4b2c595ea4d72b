/// Where a finding applies: canonical keys, plus the line or cell of the document it came from.
public struct FindingLocation: Sendable, Hashable, Codable {
    public var section: SectionKey?
    public var table: TableID?
    public var row: String?
    public var column: String?
    /// The document's own line or cell text, for a person to find the place.
    public var source: String?

    public init(section: SectionKey? = nil, table: TableID? = nil, row: String? = nil, column: String? = nil, source: String? = nil) {
        self.section = section
        self.table = table
        self.row = row
        self.column = column
        self.source = source
    }

    /// The flat canonical name, e.g. `t3.denied.state_secret.natural`, or the section key.
    public var flatName: String {
        var parts: [String] = []
        if let table { parts.append(table.rawValue) } else if let section { parts.append(section.rawValue) }
        if let row { parts.append(row) }
        if let column { parts.append(column) }
        return parts.joined(separator: ".")
    }
}
