/// One row of a template table: canonical key, printed label, the distinctive text that identifies it, and its columns.
public struct RowDefinition: Sendable, Hashable {
    public let key: String
    public let label: String
    /// Distinctive text that only this row's label contains, in folded form (simplified characters, no
    /// punctuation or spaces); any one of them identifies the row.
    public let anchors: [String]
    public let columns: [ColumnDefinition]

    public init(_ key: String, _ label: String, anchors: [String], columns: [ColumnDefinition]) {
        self.key = key
        self.label = label
        self.anchors = anchors
        self.columns = columns
    }

    /// The column with this key.
    public func column(_ key: String) -> ColumnDefinition? {
        columns.first { $0.key == key }
    }
}
