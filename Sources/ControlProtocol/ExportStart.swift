/// `export`: the `ok` before the chunks.
public struct ExportStart: Sendable, Hashable, Codable {
    public var format: ExportRequest.Format
    /// For `rows`: the names of a report row's values after its tag (see ``ExportRows``).
    public var columns: [String]?
    /// For `rows`: the names of a finding row's values after its tag.
    public var findingColumns: [String]?

    public init(format: ExportRequest.Format, columns: [String]? = nil, findingColumns: [String]? = nil) {
        self.format = format
        self.columns = columns
        self.findingColumns = findingColumns
    }

    enum CodingKeys: String, CodingKey {
        case format, columns
        case findingColumns = "finding_columns"
    }
}
