/// One Word table (`w:tbl`) as it is read: rows of cells with their spans and vertical merges, turned into text
/// when the table ends.
///
/// Rows whose cells hold a nested table are not part of the grid: their content (paragraphs and the nested
/// table's own grid) is written out line by line in place, so a statistical table kept inside a layout table
/// is still one clean grid.
struct DOCXTableBuilder {
    /// What a cell holds, in document order.
    enum Block {
        case paragraph(String)
        /// A nested table, already rendered.
        case table(String)
    }

    /// One `w:tc`.
    struct CellContent {
        var blocks: [Block] = []
        /// `w:gridSpan`: how many grid columns the cell covers.
        var span = 1
        /// `w:vMerge` without `restart`, or `w:hMerge` continue: the cell is covered by the one before it.
        var covered = false
        var hasNestedTable = false
    }

    /// One `w:tr`.
    struct RowContent {
        var cells: [CellContent] = []
        /// `w:gridBefore`: grid columns left empty before the first cell.
        var before = 0
    }

    private(set) var rows: [RowContent] = []
    private var row: RowContent?
    private var cell: CellContent?

    static let maxSpan = 64

    mutating func startRow() {
        endRow()
        row = RowContent()
    }

    mutating func endRow() {
        endCell()
        if let row { rows.append(row) }
        row = nil
    }

    mutating func startCell() {
        endCell()
        if row == nil { row = RowContent() }
        cell = CellContent()
    }

    mutating func endCell() {
        if let cell {
            if row == nil { row = RowContent() }
            row!.cells.append(cell)
        }
        cell = nil
    }

    var inCell: Bool { cell != nil }

    mutating func setSpan(_ n: Int) {
        cell?.span = min(max(n, 1), Self.maxSpan)
    }

    mutating func setCovered() {
        cell?.covered = true
    }

    mutating func setGridBefore(_ n: Int) {
        row?.before = min(max(n, 0), Self.maxSpan)
    }

    /// Adds a finished paragraph to the current cell (a paragraph outside any cell is dropped, as Word does).
    mutating func addParagraph(_ text: String) {
        cell?.blocks.append(.paragraph(text))
    }

    mutating func addNestedTable(_ text: String) {
        guard cell != nil else { return }
        cell!.blocks.append(.table(text))
        cell!.hasNestedTable = true
    }

    /// The table as text: grids of plain rows (`TextGrid.render`), nested-table rows line by line.
    mutating func render() -> String {
        endRow()
        var out = ""
        var grid: [[String?]] = []
        for row in rows {
            if row.cells.contains(where: \.hasNestedTable) {
                out += TextGrid(rows: grid).render()
                grid = []
                for cell in row.cells where !cell.covered {
                    for block in cell.blocks {
                        switch block {
                        case .paragraph(let text):
                            if !text.isEmpty { out += text + "\n" }
                        case .table(let text):
                            out += text
                        }
                    }
                }
                continue
            }
            var line: [String?] = Array(repeating: nil, count: row.before)
            for cell in row.cells {
                var text: String?
                if !cell.covered {
                    var joined = ""
                    for case .paragraph(let p) in cell.blocks {
                        if !joined.isEmpty && !p.isEmpty { joined += "\n" }
                        joined += p
                    }
                    text = joined
                }
                line.append(text)
                if cell.span > 1 { line += Array(repeating: nil, count: cell.span - 1) }
            }
            grid.append(line)
        }
        out += TextGrid(rows: grid).render()
        return out
    }
}
