import ReportModel

/// The distinct cells read from one piece of evidence, each stored once and named by its index.
///
/// Candidate placements refer to cells by index, so trying thousands of placements copies integers instead of
/// cells. Equal cells share one index, which makes comparing two indices the same as comparing the cells.
/// Numbers cut from digit runs that no printed value already holds are not stored at all: they are named by a
/// code made from their integer (`index(cutInteger:)`), still one name per distinct cell.
struct CellPool {
    /// The cells, each distinct. A cell's `raw` is the trimmed printed text it was read from.
    private(set) var cells: [Cell] = []
    /// `CellPlacement.solvingValue` of each cell; nil for cells that hold something no identity can use (text,
    /// fractions).
    private(set) var solving: [Int64?] = []
    /// Per cell, its integer when its text is exactly that integer in plain decimal ("12", not "012" or "1,2").
    private var canonical: [Int64?] = []
    /// Once the pool has outgrown searching one by one (a row has a handful of distinct values): cells by trimmed
    /// text and by plain integer, each brought up to date only when it is consulted. `CellReader.read` derives
    /// everything, `raw` included, from the trimmed text, so equal trimmed texts give equal cells and different
    /// ones different cells.
    private var indexByText: [String: Int] = [:]
    private var textIndexed = 0
    private var indexByInteger: [Int64: Int] = [:]
    private var integerIndexed = 0
    static let linearLimit = 16

    init() {
        cells.reserveCapacity(8)
        solving.reserveCapacity(8)
        canonical.reserveCapacity(8)
    }

    /// The index of the cell read from printed text (`CellReader.read`), reading each text once.
    mutating func index(reading text: String) -> Int {
        // A single ASCII digit (most printed values) is its own plain decimal.
        if text.utf8.count == 1, let b = text.utf8.first, b >= 0x30 && b <= 0x39 {
            return index(readingInteger: Int64(b - 0x30), text: text)
        }
        // Plain decimal digits (most printed values): the cell with that integer is the cell with that text.
        if let n = CellPool.canonicalInteger(text) { return index(readingInteger: n, text: text) }
        if cells.count <= CellPool.linearLimit {
            // Most printed values carry no surrounding space: equal to a kept trimmed text, they trim to it.
            if let i = cells.firstIndex(where: { $0.raw == text }) { return i }
            let trimmed = CellReader.trimmed(text)
            if let i = cells.firstIndex(where: { $0.raw == trimmed }) { return i }
            return add(CellReader.read(trimmed), integer: CellPool.canonicalInteger(trimmed))
        }
        let trimmed = CellReader.trimmed(text)
        while textIndexed < cells.count {
            indexByText[cells[textIndexed].raw] = textIndexed
            textIndexed += 1
        }
        if let i = indexByText[trimmed] { return i }
        return add(CellReader.read(trimmed), integer: CellPool.canonicalInteger(trimmed))
    }

    /// The index of the cell read from `n` (at least 0) written in plain decimal: the same as
    /// `index(reading: String(n))`, without making and hashing the text when the cell is already there.
    mutating func index(readingInteger n: Int64) -> Int {
        index(readingInteger: n, text: nil)
    }

    /// `index(readingInteger:)` with the text `String(n)` at hand when the caller has it.
    private mutating func index(readingInteger n: Int64, text: String?) -> Int {
        if let i = storedIndex(ofInteger: n) { return i }
        // No cell has the text String(n): read it (`CellReader.read` gives exactly this cell for plain digits).
        return add(Cell(raw: text ?? String(n), kind: n == 0 ? .zero : .number, value: .integer(n), unit: nil), integer: n)
    }

    /// The name of the cell read from `n` (at least 0) written in plain decimal: the index of a stored cell with that
    /// text, or else the code `-2 - n`, which stores nothing (cut numbers are many and mostly tried only once).
    mutating func index(cutInteger n: Int64) -> Int {
        storedIndex(ofInteger: n) ?? -2 - Int(n)
    }

    /// The index of the stored cell whose text is `n` in plain decimal, if there is one.
    private mutating func storedIndex(ofInteger n: Int64) -> Int? {
        if cells.count <= CellPool.linearLimit { return canonical.firstIndex(of: n) }
        // A pool shared by a whole table outgrows the linear search: the integers' index (each integer is one
        // cell's at most, so it finds what the search would).
        while integerIndexed < cells.count {
            if let v = canonical[integerIndexed] { indexByInteger[v] = integerIndexed }
            integerIndexed += 1
        }
        return indexByInteger[n]
    }

    /// The integer a text is written as in plain decimal: ASCII digits, no leading zero unless it is "0".
    static func canonicalInteger(_ text: String) -> Int64? {
        guard let n = CellReader.plainInteger(text) else { return nil }
        return text.utf8.first == 0x30 && text.utf8.count > 1 ? nil : n
    }

    private mutating func add(_ cell: Cell, integer: Int64?) -> Int {
        cells.append(cell)
        solving.append(CellPlacement.solvingValue(cell))
        canonical.append(integer)
        return cells.count - 1
    }

    /// True for the cell at the index when no identity can use it (text, fractions); cut numbers never are.
    func isOpaque(_ index: Int) -> Bool { index >= 0 && solving[index] == nil }

    /// `CellPlacement.solvingValue` of the named cell; nil for `CellPlacement.unprinted` (-1).
    func solvingValue(_ index: Int) -> Int64? {
        if index >= 0 { return solving[index] }
        return index == CellPlacement.unprinted ? nil : Int64(-2 - index)
    }

    /// The named cell (a stored cell, or a cut number by its code).
    subscript(index: Int) -> Cell {
        if index >= 0 { return cells[index] }
        let n = Int64(-2 - index)
        return Cell(raw: String(n), kind: n == 0 ? .zero : .number, value: .integer(n), unit: nil)
    }
}
