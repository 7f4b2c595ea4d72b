import ReportModel

/// Table 四 adds up: T4-SUM (结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计 in each block), and
/// CELL-TOTAL-EMPTY for a blank 总计 over non-zero parts.
///
/// The parts come from the template (`ReviewLitigationTable.partColumns`).
struct ReviewLitigationRules: Rule {
    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let grid = context.t4 else { return }
        for r in 0..<grid.rowCount {
            let parts = ReviewLitigationTable.partColumns.compactMap { grid.columnIndex($0, row: r) }
            guard let total = grid.columnIndex("total", row: r) else { continue }
            switch SumCheck(total: grid[r, total], parts: parts.lazy.map { grid[r, $0] }) {
            case .holds, .unchecked:
                continue
            case .blankTotal(let sum):
                findings.append(.warning(
                    RuleID.cellTotalEmpty,
                    "\(grid.cellName(row: r, column: total))为空，而\(describe(parts, grid, r))之和为\(Wording.number(sum))；按未填写处理，未核对。",
                    at: grid.location(row: r, column: total), expected: .of(sum)))
            case .differs(let sum, let printed):
                findings.append(.error(
                    RuleID.t4Sum,
                    "\(Wording.table(grid.id))\(grid.rowName(r))：\(describe(parts, grid, r))之和为\(Wording.number(sum))，“总计”却为\(Wording.number(printed))，两者不等。",
                    at: grid.location(row: r, column: total), expected: .of(sum), actual: .of(printed)))
            }
        }
    }

    /// "结果维持（1）、结果纠正（0）、其他结果（2）、尚未审结（0）".
    private func describe(_ parts: [Int], _ grid: TableGrid, _ r: Int) -> String {
        parts.map { c in
            let value = Operand(grid[r, c]).asPart.map(Wording.number) ?? "?"
            return "\(grid.definition.rows[r].columns[c].label)（\(value)）"
        }.joined(separator: "、")
    }
}
