/// "total = sum of parts" for one row, column or block of a table, and what was found.
enum SumCheck: Equatable {
    /// The identity holds, or there is nothing to check (blank total over parts that add up to 0).
    case holds
    /// A part or the total cannot be read: the identity is skipped.
    case unchecked
    /// The total is blank while the parts add up to a non-zero number (CELL-TOTAL-EMPTY).
    case blankTotal(partsSum: Double)
    /// The printed total is not the sum of the parts.
    case differs(sum: Double, total: Double)

    init(total: CellFacts, parts: some Sequence<CellFacts>) {
        var sum = 0.0
        for part in parts {
            guard let v = Operand(part).asPart else {
                self = .unchecked
                return
            }
            sum += v
        }
        switch Operand(total) {
        case .unreadable:
            self = .unchecked
        case .blank:
            self = sum == 0 ? .holds : .blankTotal(partsSum: sum)
        case .number(let printed):
            self = Operand.same(printed, sum) ? .holds : .differs(sum: sum, total: printed)
        }
    }

    /// True for a blank total over parts that are not 0 (an unfilled total).
    var isBlankTotal: Bool {
        if case .blankTotal = self { return true }
        return false
    }
}
