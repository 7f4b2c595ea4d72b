import ReportModel

/// How one cell enters an identity of the report model (an empty cell is not 0 everywhere).
///
/// A blank (`empty` or `na`) part counts as 0, but a blank total means "not filled", not 0. A `missing` or
/// `text` cell makes the identity uncheckable: the parser or CELL-NUMERIC has already said why.
enum Operand: Equatable {
    /// A printed or inferred number.
    case number(Double)
    /// Printed blank or "not applicable".
    case blank
    /// Missing, text, or not in the table: nothing can be concluded.
    case unreadable

    init(_ cell: CellFacts) {
        switch cell.kind {
        case .number, .zero:
            self = cell.hasValue ? .number(cell.value) : (cell.kind == .zero ? .number(0) : .unreadable)
        case .empty, .na:
            self = cell.hasValue && cell.inferred ? .number(cell.value) : .blank
        case .text, .missing:
            self = .unreadable
        }
    }

    /// The cell as a part of a sum: blank counts as 0; nil when it cannot be read.
    var asPart: Double? {
        switch self {
        case .number(let v): v
        case .blank: 0
        case .unreadable: nil
        }
    }

    /// The cell as a printed total: nil when blank ("not filled") or unreadable.
    var asTotal: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// True when two sums are the same number (amounts carry at most a few decimals).
    static func same(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) < 1e-6
    }
}
