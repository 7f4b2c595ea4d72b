import ReportModel

/// The distinct cells read from one piece of evidence, each stored once and named by its index.
///
/// Candidate placements refer to cells by index, so trying thousands of placements copies integers instead of
/// cells. Equal cells share one index, which makes comparing two indices the same as comparing the cells.
struct CellPool {
    /// The cells, each distinct.
    private(set) var cells: [Cell] = []
    /// `CellPlacement.solvingValue` of each cell.
    private(set) var solving: [Int64?] = []
    /// True for cells that hold something no identity can use (text, fractions).
    private(set) var opaque: [Bool] = []
    /// Index by the trimmed printed text: `CellReader.read` derives everything, `raw` included, from it, so
    /// equal trimmed texts give equal cells and different ones different cells.
    /// The trimmed texts, by index; searched in order while the pool is small (a row has a handful of distinct
    /// values), through `indexByText` once it grows.
    private var texts: [String] = []
    private var indexByText: [String: Int] = [:]
    static let linearLimit = 16

    /// The index of the cell read from printed text (`CellReader.read`), reading each text once.
    mutating func index(reading text: String) -> Int {
        let trimmed = CellReader.trimmed(text)
        if texts.count <= CellPool.linearLimit {
            if let i = texts.firstIndex(of: trimmed) { return i }
        } else if let i = indexByText[trimmed] {
            return i
        }
        let cell = CellReader.read(trimmed)
        let i = cells.count
        cells.append(cell)
        let value = CellPlacement.solvingValue(cell)
        solving.append(value)
        opaque.append(value == nil)
        texts.append(trimmed)
        if texts.count > CellPool.linearLimit {
            if indexByText.isEmpty {
                for (k, t) in texts.enumerated() { indexByText[t] = k }
            } else {
                indexByText[trimmed] = i
            }
        }
        return i
    }

    subscript(index: Int) -> Cell { cells[index] }
}
