import ReportModel

/// A template table read once into plain values in the template's order, so that rules can work by index.
///
/// Reading walks the table's dictionaries once and matches keys by length, first and last byte before
/// comparing them: on the machines this runs on a String hash costs as much as checking a whole row, and
/// validation must stay far below the time it takes to parse a report. The printed cells (their `raw` text
/// and unit) are looked up again only when a finding quotes them. A class, so that rules and closures share
/// one grid instead of copying its arrays.
final class TableGrid {
    let layout: TableLayout
    /// The table as read, for quoting cells in findings.
    let table: Table
    /// The cells row after row; `.absent` where the table lacks the cell.
    private let facts: [CellFacts]

    init(_ layout: TableLayout, _ table: Table) {
        self.layout = layout
        self.table = table
        var facts = [CellFacts](repeating: .absent, count: layout.cellCount)
        for (rowKey, printed) in table.rows {
            guard let r = TableLayout.index(of: rowKey, in: layout.rowKeys, layout.rowSignatures) else { continue }
            let offset = layout.rowOffsets[r]
            let keys = layout.columnKeys[r]
            let signatures = layout.columnSignatures[r]
            for (columnKey, cell) in printed {
                if let c = TableLayout.index(of: columnKey, in: keys, signatures) { facts[offset + c] = CellFacts(cell) }
            }
        }
        self.facts = facts
    }

    var definition: TableDefinition { layout.definition }
    var id: TableID { layout.definition.id }
    var rowCount: Int { layout.rowKeys.count }

    subscript(row: Int, column: Int) -> CellFacts { facts[layout.rowOffsets[row] + column] }

    /// The printed cell, with its raw text and unit (a dictionary lookup: for messages).
    func cell(_ row: Int, _ column: Int) -> Cell? {
        table[layout.rowKeys[row], layout.columnKeys[row][column]]
    }

    /// The index of the row with this key.
    func rowIndex(_ key: String) -> Int? { layout.rowKeys.firstIndex(of: key) }

    /// The index of the column with this key in a row.
    func columnIndex(_ key: String, row: Int) -> Int? { layout.columnKeys[row].firstIndex(of: key) }

    /// The columns of a row.
    func columns(_ row: Int) -> Range<Int> { 0..<layout.columnKeys[row].count }

    /// The cell at row and column keys; `.absent` when the template has no such cell.
    func facts(_ rowKey: String, _ columnKey: String) -> CellFacts {
        guard let r = rowIndex(rowKey), let c = columnIndex(columnKey, row: r) else { return .absent }
        return self[r, c]
    }

    /// Canonical location of a row, or of one cell of it.
    func location(row: Int? = nil, column: Int? = nil, source: String? = nil) -> FindingLocation {
        let rowKey = row.map { layout.rowKeys[$0] }
        let columnKey = row.flatMap { r in column.map { layout.columnKeys[r][$0] } }
        return FindingLocation(section: id.section, table: id, row: rowKey, column: columnKey, source: source)
    }

    /// The printed label of a row, quoted: “（七）总计”.
    func rowName(_ row: Int) -> String {
        "“\(definition.rows[row].label)”"
    }

    /// The printed label of a column, quoted: “自然人”.
    func columnName(_ column: Int, row: Int) -> String {
        "“\(definition.rows[row].columns[column].label)”"
    }

    /// Where a cell is, as a person reads it: 表三“（七）总计”行“自然人”列.
    func cellName(row: Int, column: Int) -> String {
        "\(Wording.table(id))\(rowName(row))行\(columnName(column, row: row))列"
    }
}
