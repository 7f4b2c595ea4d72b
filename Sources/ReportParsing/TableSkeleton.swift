import ReportModel

/// A template table with every cell missing, built once, with where each row and cell lies in its dictionaries: a
/// table read from a report is this one copied with its cells written in place, without hashing any key.
struct TableSkeleton: Sendable {
    /// The table with every cell `missing`.
    let empty: Table
    /// Where each row (in template order) lies in `empty.rows`.
    private let rowPositions: [Dictionary<String, [String: Cell]>.Index]
    /// Where each slot's cell lies in its row's dictionary; slots are the rows' columns in template order.
    private let cellPositions: [Dictionary<String, Cell>.Index]
    /// Row r's slots are `rowStart[r] ..< rowStart[r + 1]`.
    let rowStart: [Int]

    init(_ definition: TableDefinition) {
        let empty = Table(allMissing: definition)
        var rowPositions: [Dictionary<String, [String: Cell]>.Index] = []
        var cellPositions: [Dictionary<String, Cell>.Index] = []
        var rowStart = [0]
        for row in definition.rows {
            let position = empty.rows.index(forKey: row.key)!
            rowPositions.append(position)
            let cells = empty.rows.values[position]
            for column in row.columns { cellPositions.append(cells.index(forKey: column.key)!) }
            rowStart.append(cellPositions.count)
        }
        self.empty = empty
        self.rowPositions = rowPositions
        self.cellPositions = cellPositions
        self.rowStart = rowStart
    }

    /// Number of cells (slots) in the table.
    var slotCount: Int { cellPositions.count }

    /// The table with the given cells (one per slot; nil stays `missing`).
    func table(_ cells: [Cell?]) -> Table {
        var table = empty
        for r in 0..<rowPositions.count {
            let lo = rowStart[r], hi = rowStart[r + 1]
            var any = false
            for s in lo..<hi where cells[s] != nil { any = true; break }
            guard any else { continue }
            var row = empty.rows.values[rowPositions[r]]
            for s in lo..<hi {
                if let cell = cells[s] { row.values[cellPositions[s]] = cell }
            }
            table.rows.values[rowPositions[r]] = row
        }
        return table
    }
}
