import ReportModel

/// What the rules need to know about one cell, as plain values (no strings to copy).
struct CellFacts: Equatable {
    var kind: CellKind
    /// The number, when `hasValue`.
    var value: Double
    var hasValue: Bool
    /// The value has no fraction.
    var isWhole: Bool
    /// A unit was printed in the cell.
    var hasUnit: Bool
    var inferred: Bool

    /// A cell the table does not have.
    static let absent = CellFacts(kind: .missing, value: 0, hasValue: false, isWhole: true, hasUnit: false,
                                  inferred: false)

    init(kind: CellKind, value: Double, hasValue: Bool, isWhole: Bool, hasUnit: Bool, inferred: Bool) {
        self.kind = kind
        self.value = value
        self.hasValue = hasValue
        self.isWhole = isWhole
        self.hasUnit = hasUnit
        self.inferred = inferred
    }

    init(_ cell: Cell) {
        kind = cell.kind
        inferred = cell.inferred
        hasUnit = cell.unit != nil
        switch cell.value {
        case .integer(let n)?:
            value = Double(n)
            hasValue = true
            isWhole = true
        case .decimal(let d)?:
            value = d
            hasValue = true
            isWhole = d.rounded() == d
        case nil:
            value = 0
            hasValue = false
            isWhole = true
        }
    }
}
