/// One Word table (`w:tbl`) as it is read: rows of cells with their spans and vertical merges, turned into text
/// when the table ends.
///
/// Rows whose cells hold a nested table are not part of the grid: their content (paragraphs and the nested
/// table's own grid) is written out line by line in place, so a statistical table kept inside a layout table
/// is still one clean grid.
///
/// All text lives in one byte buffer, the blocks of all cells in one array and the cells of all rows in another
/// (a cell's blocks and a row's cells are ranges of them), so a table costs little more than its text.
struct DOCXTableBuilder {
    /// What a cell holds, in document order, as a range of the table's text.
    enum Block {
        case paragraph(Range<Int>)
        /// A nested table, already rendered.
        case table(Range<Int>)
    }

    /// One `w:tc`.
    struct CellContent {
        /// Its blocks, a range of `blocks`.
        var blocks: Range<Int>
        /// `w:gridSpan`: how many grid columns the cell covers.
        var span = 1
        /// `w:vMerge` without `restart`, or `w:hMerge` continue: the cell is covered by the one before it.
        var covered = false
        var hasNestedTable = false
    }

    /// One `w:tr`.
    struct RowContent {
        /// Its cells, a range of `cells`.
        var cells: Range<Int>
        /// `w:gridBefore`: grid columns left empty before the first cell.
        var before = 0
    }

    private var text: [UInt8] = []
    private var blocks: [Block] = []
    private var cells: [CellContent] = []
    private(set) var rows: [RowContent] = []
    private var row: RowContent?
    private var cell: CellContent?

    static let maxSpan = 64

    mutating func startRow() {
        endRow()
        row = RowContent(cells: cells.count..<cells.count)
    }

    mutating func endRow() {
        endCell()
        if var row {
            row.cells = row.cells.lowerBound..<cells.count
            rows.append(row)
        }
        row = nil
    }

    mutating func startCell() {
        endCell()
        if row == nil { row = RowContent(cells: cells.count..<cells.count) }
        cell = CellContent(blocks: blocks.count..<blocks.count)
    }

    mutating func endCell() {
        if var cell {
            if row == nil { row = RowContent(cells: cells.count..<cells.count) }
            cell.blocks = cell.blocks.lowerBound..<blocks.count
            cells.append(cell)
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

    /// Adds a finished paragraph (UTF-8) to the current cell (a paragraph outside any cell is dropped, as Word
    /// does).
    mutating func addParagraph(_ paragraph: [UInt8]) {
        guard cell != nil else { return }
        let start = text.count
        text.append(contentsOf: paragraph)
        blocks.append(.paragraph(start..<text.count))
    }

    /// Adds a nested table's rendering (UTF-8) to the current cell.
    mutating func addNestedTable(_ rendered: [UInt8]) {
        guard cell != nil else { return }
        let start = text.count
        text.append(contentsOf: rendered)
        blocks.append(.table(start..<text.count))
        cell!.hasNestedTable = true
    }

    /// The table as text (UTF-8): grids of plain rows (as `TextGrid.render` writes them: one tab-separated line
    /// per row, a cell's paragraphs joined, covered positions empty), nested-table rows line by line.
    mutating func render() -> [UInt8] {
        endRow()
        var out: [UInt8] = []
        out.reserveCapacity(text.count + cells.count + rows.count)
        text.withUnsafeBufferPointer { b in
            for row in rows {
                if cells[row.cells].contains(where: \.hasNestedTable) {
                    for cell in cells[row.cells] where !cell.covered {
                        for block in blocks[cell.blocks] {
                            switch block {
                            case .paragraph(let range):
                                if !range.isEmpty {
                                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
                                    out.append(0x0A)
                                }
                            case .table(let range):
                                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
                            }
                        }
                    }
                    continue
                }
                // The grid row: `before` empty positions, then each cell and the empty positions of its span.
                var first = true
                for _ in 0..<row.before {
                    if !first { out.append(0x09) }
                    first = false
                }
                for cell in cells[row.cells] {
                    if !first { out.append(0x09) }
                    first = false
                    if !cell.covered {
                        for case .paragraph(let range) in blocks[cell.blocks] {
                            TextGrid.appendJoiningLines(b, range, to: &out)
                        }
                    }
                    for _ in 1..<max(cell.span, 1) { out.append(0x09) }
                }
                out.append(0x0A)
            }
        }
        return out
    }
}
