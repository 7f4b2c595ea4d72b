public import ReportModel

/// One cell position of the national templates, named flat as in exports: `t3.denied.state_secret.natural`.
public struct CanonicalColumn: Sendable, Hashable {
    public let table: TableID
    public let row: String
    public let column: String
    /// What the column holds (amounts are decimals in 万元).
    public let valueType: ValueType

    public init(table: TableID, row: String, column: String, valueType: ValueType = .count) {
        self.table = table
        self.row = row
        self.column = column
        self.valueType = valueType
    }

    /// `table.row.column`.
    public var flatName: String { "\(table.rawValue).\(row).\(column)" }

    /// Every cell of both templates, once, in printed order: t2, t3, t4; where the templates differ, the
    /// 2019 rows and columns come first and each 2021 row follows the row it follows in its own template.
    public static let all: [CanonicalColumn] = TableID.allCases.flatMap { table in
        mergedRows([ReportTemplate.gov2019, ReportTemplate.gov2021].map { $0.table(table) }).flatMap { row in
            row.columns.map { CanonicalColumn(table: table, row: row.key, column: $0.key, valueType: $0.valueType) }
        }
    }

    /// The canonical columns of one template, in its printed order.
    public static func of(_ template: ReportTemplate) -> [CanonicalColumn] {
        byTemplate[template.id] ?? columns(of: template)
    }

    private static let byTemplate = Dictionary(uniqueKeysWithValues: [ReportTemplate.gov2019, .gov2021].map {
        ($0.id, columns(of: $0))
    })

    private static func columns(of template: ReportTemplate) -> [CanonicalColumn] {
        TableID.allCases.flatMap { table in
            template.table(table).rows.flatMap { row in
                row.columns.map { CanonicalColumn(table: table, row: row.key, column: $0.key, valueType: $0.valueType) }
            }
        }
    }

    /// Union of the tables' rows (each with the union of its columns), keeping every table's order.
    private static func mergedRows(_ tables: [TableDefinition]) -> [(key: String, columns: [ColumnDefinition])] {
        var rows: [(key: String, columns: [ColumnDefinition])] = []
        for table in tables {
            var previous: Int?
            for row in table.rows {
                if let index = rows.firstIndex(where: { $0.key == row.key }) {
                    for column in row.columns where !rows[index].columns.contains(where: { $0.key == column.key }) {
                        rows[index].columns.append(column)
                    }
                    previous = index
                } else {
                    let index = previous.map { $0 + 1 } ?? 0
                    rows.insert((row.key, row.columns), at: index)
                    previous = index
                }
            }
        }
        return rows
    }
}
