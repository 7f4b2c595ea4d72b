import ReportModel

/// The distinct cells read from one piece of evidence, each stored once and named by its index.
///
/// Candidate placements refer to cells by index, so trying thousands of placements copies integers instead of
/// cells. Equal cells share one index, which makes comparing two indices the same as comparing the cells.
struct CellPool {
    /// The cells, each distinct. A cell's `raw` is the trimmed printed text it was read from.
    private(set) var cells: [Cell] = []
    /// `CellPlacement.solvingValue` of each cell; nil for cells that hold something no identity can use (text,
    /// fractions).
    private(set) var solving: [Int64?] = []
    /// Index by the trimmed printed text, once the pool has outgrown searching `cells` one by one (a row has a
    /// handful of distinct values). `CellReader.read` derives everything, `raw` included, from the trimmed text, so
    /// equal trimmed texts give equal cells and different ones different cells.
    private var indexByText: [String: Int] = [:]
    /// Per cell, its integer when its text is exactly that integer in plain decimal ("12", not "012" or "1,2"), and
    /// those cells by integer once the pool is large: digit runs cut by the solver are found without making text.
    private var canonical: [Int64?] = []
    private var indexByCanonical: [Int64: Int] = [:]
    static let linearLimit = 16

    /// The index of the cell read from `n` written in plain decimal, the same as `index(reading: String(n))`.
    mutating func index(readingInteger n: Int64) -> Int {
        if cells.count <= CellPool.linearLimit {
            if let i = canonical.firstIndex(of: n) { return i }
        } else if let i = indexByCanonical[n] {
            return i
        }
        return index(reading: String(n))
    }

    /// The integer a text is written as in plain decimal: ASCII digits, no leading zero unless it is "0".
    static func canonicalInteger(_ text: String) -> Int64? {
        guard let n = CellReader.plainInteger(text) else { return nil }
        return text.utf8.first == 0x30 && text.utf8.count > 1 ? nil : n
    }

    /// The index of the cell read from printed text (`CellReader.read`), reading each text once.
    mutating func index(reading text: String) -> Int {
        if cells.count <= CellPool.linearLimit {
            // Most printed values carry no surrounding space: equal to a kept trimmed text, they trim to it.
            if let i = cells.firstIndex(where: { $0.raw == text }) { return i }
        }
        let trimmed = CellReader.trimmed(text)
        if cells.count <= CellPool.linearLimit {
            if let i = cells.firstIndex(where: { $0.raw == trimmed }) { return i }
        } else if let i = indexByText[trimmed] {
            return i
        }
        let cell = CellReader.read(trimmed)
        let i = cells.count
        cells.append(cell)
        solving.append(CellPlacement.solvingValue(cell))
        let integer = CellPool.canonicalInteger(trimmed)
        canonical.append(integer)
        if cells.count > CellPool.linearLimit {
            if indexByText.isEmpty {
                for (k, c) in cells.enumerated() { indexByText[c.raw] = k }
                for (k, v) in canonical.enumerated() { if let v { indexByCanonical[v] = k } }
            } else {
                indexByText[trimmed] = i
                if let integer { indexByCanonical[integer] = i }
            }
        }
        return i
    }

    /// True for the cell at the index when no identity can use it (text, fractions).
    func isOpaque(_ index: Int) -> Bool { solving[index] == nil }

    subscript(index: Int) -> Cell { cells[index] }
}
