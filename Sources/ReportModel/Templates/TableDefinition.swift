/// A template table: its rows in printed order.
public struct TableDefinition: Sendable, Hashable {
    public let id: TableID
    public let rows: [RowDefinition]

    public init(_ id: TableID, rows: [RowDefinition]) {
        self.id = id
        self.rows = rows
    }

    /// The row with this key.
    public func row(_ key: String) -> RowDefinition? {
        rows.first { $0.key == key }
    }

    /// Number of cells in the table.
    public var cellCount: Int { rows.reduce(0) { $0 + $1.columns.count } }
}
