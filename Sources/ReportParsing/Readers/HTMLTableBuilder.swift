/// One HTML table as it is read: rows of cells with their spans, expanded into a grid when the table ends.
///
/// Spans are honoured as a browser lays them out: a cell goes to the first column of its row not covered by a
/// `rowspan` from above, so rows that disagree about spans still line up. For the text pipeline every cell then
/// takes one position in each row it spans: positions covered from above stay (empty) so the columns line up,
/// the extra positions of a `colspan` are dropped (a header cell spanning two columns and a value cell spanning
/// two columns both count once).
///
/// All cells' text lives in one buffer (a cell is a range of it), so a table costs little more than its text.
struct HTMLTableBuilder {
    /// A cell: where its text is in the table's buffer, and its spans.
    struct Cell {
        var start: Int
        var end: Int
        /// Lines the cell's text was broken into (paragraphs, `<br>`).
        var lines: Int32
        var rowspan: Int32
        var colspan: Int32
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

    /// The text of every cell, one after the other.
    private var text = HTMLTextBuffer()
    private(set) var cells: [Cell] = []
    /// Index in `cells` of each row's first cell.
    private(set) var rowStarts: [Int] = []
    private(set) var cellOpen = false
    private var rowOpen = false
    /// A table inside one of the cells: this table lays out the page and is not a statistics table.
    var containsTable = false

    var rowCount: Int { rowStarts.count }
    var cellCount: Int { cells.count }

    /// Starts a row (ending the open one).
    mutating func startRow() {
        endRow()
        rowStarts.append(cells.count)
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
        text.startSegment()
        cells.append(Cell(start: text.bytes.count, end: text.bytes.count, lines: Int32(text.lineCount),
                          rowspan: Int32(min(max(rowspan, 0), Self.maxRowspan)),
                          colspan: Int32(min(max(colspan, 1), Self.maxColspan))))
        cellOpen = true
    }

    mutating func endCell() {
        guard cellOpen else { return }
        cellOpen = false
        let last = cells.count - 1
        cells[last].end = text.bytes.count
        cells[last].lines = Int32(text.lineCount) - cells[last].lines
    }

    /// Runs `body` on the open cell's text; false when no cell is open.
    @discardableResult
    mutating func withOpenCell(_ body: (inout HTMLTextBuffer) -> Void) -> Bool {
        guard cellOpen else { return false }
        body(&text)
        return true
    }

    /// The table with its open cell and row ended.
    func finished() -> HTMLTableBuilder {
        var table = self
        table.endRow()
        return table
    }

    /// The cells of row `r`.
    func row(_ r: Int) -> ArraySlice<Cell> {
        cells[rowStarts[r]..<(r + 1 < rowStarts.count ? rowStarts[r + 1] : cells.count)]
    }

    /// A position of the expanded grid before any text is read: a cell (its index in `cells`), or not one.
    enum Position: Equatable {
        case cell(Int)
        case rowCovered
        case columnCovered
        case absent
    }

    /// The expanded grid: one row per `<tr>`, every position a cell, a covered position or absent; nil when it
    /// would have more than `limit` positions (spans far larger than the table).
    func slots(limit: Int = .max) -> [[Slot]]? {
        if cellOpen { return finished().slots(limit: limit) }
        guard let (positions, rowEnds) = layout(limit: limit) else { return nil }
        var out: [[Slot]] = []
        var p = 0
        for end in rowEnds {
            out.append(positions[p..<end].map { position -> Slot in
                switch position {
                case .cell(let i): .cell(text.trimmedText(cells[i].start..<cells[i].end))
                case .rowCovered: .rowCovered
                case .columnCovered: .columnCovered
                case .absent: .absent
                }
            })
            p = end
        }
        return out
    }

    /// The expanded grid as positions, all rows one after the other, with the end of each row in `positions`;
    /// nil when it would have more than `limit` positions. The open cell must be ended first.
    func layout(limit: Int = .max) -> (positions: [Position], rowEnds: [Int])? {
        var coveredUntil: [Int] = []  // per column: the last row a span from above covers
        var coverFirst: [Bool] = []   // per column: the covering cell starts in this column
        var positions: [Position] = []
        positions.reserveCapacity(cells.count + rowCount)
        var rowEnds: [Int] = []
        rowEnds.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var c = 0
            func skipCovered() {
                while c < coveredUntil.count && coveredUntil[c] >= r {
                    positions.append(coverFirst[c] ? .rowCovered : .columnCovered)
                    c += 1
                }
            }
            let first = rowStarts[r], last = r + 1 < rowStarts.count ? rowStarts[r + 1] : cells.count
            for index in first..<last {
                let cell = cells[index]
                skipCovered()
                guard c < Self.maxColumns else { break }
                let width = min(Int(cell.colspan), Self.maxColumns - c)
                positions.append(.cell(index))
                for _ in 1..<max(width, 1) { positions.append(.columnCovered) }
                if cell.rowspan != 1 {
                    if coveredUntil.count < c + width {
                        coveredUntil += Array(repeating: -1, count: c + width - coveredUntil.count)
                        coverFirst += Array(repeating: false, count: c + width - coverFirst.count)
                    }
                    let last = cell.rowspan == 0 ? Int.max : r + Int(cell.rowspan) - 1
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
                    if coveredUntil[c] >= r { skipCovered() } else { positions.append(.absent); c += 1 }
                }
            }
            if positions.count > limit { return nil }
            rowEnds.append(positions.count)
        }
        return (positions, rowEnds)
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
        containsTable || cells.contains { $0.lines >= 3 && $0.end - $0.start >= 240 }
    }

    /// The table as lines of text: a statistics table one tab-separated line per row; a layout table cell by
    /// cell, each cell's own lines kept.
    func render() -> [UInt8] {
        if cellOpen { return finished().render() }
        if isLayout {
            var out: [UInt8] = []
            for cell in cells where cell.end > cell.start {
                out.append(contentsOf: text.bytes[cell.start..<cell.end])
                if out.last != 0x0A { out.append(0x0A) }
            }
            return out
        }
        if let (positions, rowEnds) = layout(limit: 16 * cellCount + 4096) {
            // As `grid(limit:).render()`, straight from the cells' bytes: covered positions are empty, the extra
            // positions of a `colspan` are dropped.
            var out: [UInt8] = []
            out.reserveCapacity(text.bytes.count + positions.count + rowEnds.count)
            text.bytes.withUnsafeBufferPointer { b in
                var p = 0
                for end in rowEnds {
                    var first = true
                    while p < end {
                        switch positions[p] {
                        case .columnCovered:
                            break
                        case .cell(let i):
                            if !first { out.append(0x09) }
                            first = false
                            TextGrid.appendJoiningLines(b, text.trimmedRange(cells[i].start..<cells[i].end), to: &out)
                        case .rowCovered, .absent:
                            if !first { out.append(0x09) }
                            first = false
                        }
                        p += 1
                    }
                    out.append(0x0A)
                }
            }
            return out
        }
        // Spans far larger than the table (hostile or broken markup): the cells as they stand, unexpanded.
        var out = ""
        for r in 0..<rowCount {
            out += row(r).map { text.trimmedText($0.start..<$0.end) }.joined(separator: "\t")
            out += "\n"
        }
        return Array(out.utf8)
    }
}
