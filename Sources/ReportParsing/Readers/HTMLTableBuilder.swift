/// One HTML table as it is read: rows of cells with their spans, expanded into a grid when the table ends.
///
/// Spans are honoured as a browser lays them out: a cell goes to the first column of its row not covered by a
/// `rowspan` from above, so rows that disagree about spans still line up. For the text pipeline every cell then
/// takes one position in each row it spans: positions covered from above stay (empty) so the columns line up,
/// the extra positions of a `colspan` are dropped (a header cell spanning two columns and a value cell spanning
/// two columns both count once).
struct HTMLTableBuilder {
    /// A cell's text and spans.
    struct Cell {
        var text = HTMLTextBuffer()
        var rowspan = 1
        var colspan = 1
    }

    /// A position of the expanded grid.
    enum Slot: Equatable {
        case cell(String)
        /// Covered by a cell of an earlier row (its first column).
        case rowCovered
        /// Covered by the `colspan` of a cell to the left (in its own row or from above).
        case columnCovered
        /// No cell at all (a row with fewer cells than the table is wide).
        case absent
    }

    static let maxColspan = 100
    static let maxRowspan = 10_000
    static let maxColumns = 256

    private(set) var rows: [[Cell]] = []
    private(set) var cellOpen = false
    private var rowOpen = false
    /// A table inside one of the cells: this table lays out the page and is not a statistics table.
    var containsTable = false

    /// Starts a row (ending the open one).
    mutating func startRow() {
        endRow()
        rows.append([])
        rowOpen = true
    }

    mutating func endRow() {
        endCell()
        rowOpen = false
    }

    /// Starts a cell (ending the open one; a cell outside a row starts one).
    mutating func startCell(rowspan: Int, colspan: Int) {
        endCell()
        if !rowOpen { startRow() }
        rows[rows.count - 1].append(Cell(rowspan: min(max(rowspan, 0), Self.maxRowspan),
                                         colspan: min(max(colspan, 1), Self.maxColspan)))
        cellOpen = true
    }

    mutating func endCell() {
        cellOpen = false
    }

    /// Runs `body` on the open cell's text; false when no cell is open.
    @discardableResult
    mutating func withOpenCell(_ body: (inout HTMLTextBuffer) -> Void) -> Bool {
        guard cellOpen else { return false }
        body(&rows[rows.count - 1][rows[rows.count - 1].count - 1].text)
        return true
    }

    /// The expanded grid: one row per `<tr>`, every position a cell, a covered position or absent; nil when it
    /// would have more than `limit` positions (spans far larger than the table).
    func slots(limit: Int = .max) -> [[Slot]]? {
        var total = 0
        var coveredUntil: [Int] = []  // per column: the last row a span from above covers
        var coverFirst: [Bool] = []   // per column: the covering cell starts in this column
        var out: [[Slot]] = []
        out.reserveCapacity(rows.count)
        for (r, cells) in rows.enumerated() {
            var row: [Slot] = []
            var c = 0
            func skipCovered() {
                while c < coveredUntil.count && coveredUntil[c] >= r {
                    row.append(coverFirst[c] ? .rowCovered : .columnCovered)
                    c += 1
                }
            }
            for cell in cells {
                skipCovered()
                guard c < Self.maxColumns else { break }
                let width = min(cell.colspan, Self.maxColumns - c)
                row.append(.cell(cell.text.trimmedText))
                for _ in 1..<max(width, 1) { row.append(.columnCovered) }
                if cell.rowspan != 1 {
                    if coveredUntil.count < c + width {
                        coveredUntil += Array(repeating: -1, count: c + width - coveredUntil.count)
                        coverFirst += Array(repeating: false, count: c + width - coverFirst.count)
                    }
                    let last = cell.rowspan == 0 ? Int.max : r + cell.rowspan - 1
                    for k in c..<(c + width) {
                        coveredUntil[k] = last
                        coverFirst[k] = k == c
                    }
                }
                c += width
            }
            // Positions after the last cell that spans from above still cover.
            if let lastCovered = coveredUntil.lastIndex(where: { $0 >= r }), lastCovered >= c {
                while c <= lastCovered {
                    if coveredUntil[c] >= r { skipCovered() } else { row.append(.absent); c += 1 }
                }
            }
            total += row.count
            if total > limit { return nil }
            out.append(row)
        }
        return out
    }

    /// The grid the text pipeline sees: one position per cell and row it spans (see the type's comment).
    func grid(limit: Int = .max) -> TextGrid? {
        guard let slots = slots(limit: limit) else { return nil }
        return TextGrid(rows: slots.map { row in
            row.compactMap { slot -> String?? in
                switch slot {
                case .cell(let text): .some(text)
                case .rowCovered: .some(nil)
                case .absent: .some("")
                case .columnCovered: nil
                }
            }
        })
    }

    /// True when the table lays out a page rather than holding statistics: it contains a table, or one of its
    /// cells holds several paragraphs of running text.
    var isLayout: Bool {
        if containsTable { return true }
        return rows.contains { $0.contains { $0.text.lineCount >= 3 && $0.text.bytes.count >= 240 } }
    }

    /// How many cells the table has.
    var cellCount: Int { rows.reduce(0) { $0 + $1.count } }

    /// The table as lines of text: a statistics table one tab-separated line per row; a layout table cell by
    /// cell, each cell's own lines kept.
    func render() -> [UInt8] {
        if isLayout {
            var out: [UInt8] = []
            for row in rows {
                for var cell in row {
                    out.append(contentsOf: cell.text.finish())
                }
            }
            return out
        }
        if let grid = grid(limit: 16 * cellCount + 4096) { return Array(grid.render().utf8) }
        // Spans far larger than the table (hostile or broken markup): the cells as they stand, unexpanded.
        var out = ""
        for row in rows {
            out += row.map(\.text.trimmedText).joined(separator: "\t")
            out += "\n"
        }
        return Array(out.utf8)
    }
}
