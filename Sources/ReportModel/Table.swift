/// One statistical table: row key → column key → cell. Every row and column of the template is present.
public struct Table: Sendable, Hashable, Codable {
    public var rows: [String: [String: Cell]]
    /// Labels of rows a province added (`extra.<n>`), kept and not validated.
    public var extraLabels: [String: String]

    public init(rows: [String: [String: Cell]] = [:], extraLabels: [String: String] = [:]) {
        self.rows = rows
        self.extraLabels = extraLabels
    }

    /// A table with every cell of the definition `missing`.
    public init(allMissing definition: TableDefinition) {
        var rows: [String: [String: Cell]] = [:]
        for row in definition.rows {
            var cells: [String: Cell] = [:]
            for column in row.columns { cells[column.key] = .missing }
            rows[row.key] = cells
        }
        self.init(rows: rows)
    }

    public subscript(row: String, column: String) -> Cell? {
        get { rows[row]?[column] }
        set { rows[row, default: [:]][column] = newValue }
    }

    /// The numeric value of a cell, if it has one.
    public func value(_ row: String, _ column: String) -> CellValue? {
        rows[row]?[column]?.value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        rows = try c.decode([String: [String: Cell]].self)
        extraLabels = [:]
    }

    /// Encodes as the rows object of `check --json` (`{"new": {"natural": {…}}}`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rows)
    }
}
