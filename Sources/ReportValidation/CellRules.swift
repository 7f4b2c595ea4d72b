import ReportModel

/// Every cell of tables 二, 三 and 四 on its own: CELL-NUMERIC, CELL-INT, CELL-NONNEG, CELL-NA, CELL-UNIT.
///
/// CELL-TOTAL-EMPTY belongs to the sum checks (ApplicationTableRules, ReviewLitigationRules), which know
/// which cell is a total.
struct CellRules: Rule {
    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for id in TableID.allCases {
            if let grid = context.grid(id) { check(grid, into: &findings) }
        }
    }

    private func check(_ grid: TableGrid, into findings: inout [Finding]) {
        let statistics = grid.id != .t2  // t3/t4 count applications and cases: "not applicable" makes no sense
        for r in 0..<grid.rowCount {
            var notApplicable: [Int] = []
            let valueTypes = grid.layout.valueTypes[r]
            for c in valueTypes.indices {
                let facts = grid[r, c]
                switch facts.kind {
                case .text:
                    let raw = grid.cell(r, c)?.raw ?? ""
                    findings.append(.error(
                        RuleID.cellNumeric, "\(grid.cellName(row: r, column: c))应填数字，印的是“\(raw)”。",
                        at: grid.location(row: r, column: c, source: raw)))
                case .na where statistics:
                    notApplicable.append(c)
                case .number where facts.hasValue:
                    checkValue(facts, valueTypes[c], grid, r, c, into: &findings)
                default:
                    break
                }
                if facts.hasUnit, let cell = grid.cell(r, c), let unit = cell.unit {
                    checkUnit(unit, cell, valueTypes[c], grid, r, c, into: &findings)
                }
            }
            if !notApplicable.isEmpty {
                let names = notApplicable.map { grid.columnName($0, row: r) }.joined(separator: "、")
                var marks: [String] = []
                for c in notApplicable {
                    if let raw = grid.cell(r, c)?.raw, !marks.contains(raw) { marks.append(raw) }
                }
                findings.append(.warning(
                    RuleID.cellNA,
                    "\(Wording.table(grid.id))\(grid.rowName(r))行的\(names)列填的是\(marks.map { "“\($0)”" }.joined(separator: "、"))，统计数应填数字，没有的填0。",
                    at: grid.location(row: r)))
            }
        }
    }

    /// CELL-INT and CELL-NONNEG for a cell that holds a number other than 0.
    private func checkValue(_ facts: CellFacts, _ valueType: ValueType, _ grid: TableGrid, _ r: Int, _ c: Int,
                            into findings: inout [Finding]) {
        let mustBeWhole = grid.id != .t2 || valueType != .amount
        if mustBeWhole, !facts.isWhole {
            let cell = grid.cell(r, c)
            findings.append(.error(
                RuleID.cellInt, "\(grid.cellName(row: r, column: c))是件数，应为整数，印的是“\(cell?.raw ?? "")”。",
                at: grid.location(row: r, column: c, source: cell?.raw), actual: cell?.value))
        }
        if facts.value < 0, valueType != .signedCount {
            let cell = grid.cell(r, c)
            findings.append(.error(
                RuleID.cellNonNeg, "\(grid.cellName(row: r, column: c))不能为负数，印的是“\(cell?.raw ?? "")”。",
                at: grid.location(row: r, column: c, source: cell?.raw), actual: cell?.value))
        }
    }

    /// CELL-UNIT: a unit printed in the cell; 元 in a 万元 column is a warning.
    private func checkUnit(_ unit: String, _ cell: Cell, _ valueType: ValueType, _ grid: TableGrid,
                           _ r: Int, _ c: Int, into findings: inout [Finding]) {
        let location = grid.location(row: r, column: c, source: cell.raw)
        if valueType == .amount, unit == "元" {
            findings.append(.warning(
                RuleID.cellUnit, "\(grid.cellName(row: r, column: c))的单位是万元，单元格里却印着“\(cell.raw)”（单位：元）。",
                at: location))
        } else {
            findings.append(.info(
                RuleID.cellUnit, "\(grid.cellName(row: r, column: c))的单元格里印有单位“\(unit)”（“\(cell.raw)”）。",
                at: location))
        }
    }
}
