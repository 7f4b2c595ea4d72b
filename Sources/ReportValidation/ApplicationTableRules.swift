import ReportModel

/// Table 三 adds up: T3-ROW-SUM (applicants → 总计 in every row), T3-OUTCOME-SUM (outcome rows → （七）总计
/// in every column), T3-BALANCE (the printed 勾稽关系 in every column), and CELL-TOTAL-EMPTY for its totals.
///
/// Rows and columns come from the template (`ReportTemplate.t3OutcomeRows`, `ApplicationTable.applicantColumns`).
/// A blank part counts as 0, except a blank that is itself an unfilled total (CELL-TOTAL-EMPTY): the 总计 of an
/// outcome row in the 总计 column, or a （七）总计 cell in its row. Those make the identity uncheckable, so
/// that a report leaving its totals blank (上海 2019) gets warnings, not errors.
struct ApplicationTableRules: Rule {
    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let grid = context.t3, let template = context.template, let layout = Layout.of(template.id) else { return }
        var rows = (0..<grid.rowCount).map { r in
            SumCheck(total: grid[r, layout.totalColumn], parts: layout.applicantColumns.lazy.map { grid[r, $0] })
        }
        var columns = layout.allColumns.map { c in
            SumCheck(total: grid[layout.outcomeTotal, c], parts: layout.outcomeRows.lazy.map { grid[$0, c] })
        }
        if layout.outcomeRows.contains(where: { rows[$0].isBlankTotal }) { columns[layout.totalColumn] = .unchecked }
        if layout.applicantColumns.contains(where: { columns[$0].isBlankTotal }) { rows[layout.outcomeTotal] = .unchecked }

        var blankTotalsSeen = Set<Int>()
        for (r, check) in rows.enumerated() {
            report(rowSum: check, grid, layout, r, &blankTotalsSeen, into: &findings)
        }
        for (c, check) in columns.enumerated() {
            report(outcomeSum: check, grid, layout, c, &blankTotalsSeen, into: &findings)
        }
        checkBalances(grid, layout, into: &findings)
    }

    /// T3-ROW-SUM: in every row, 总计 = the six applicant columns.
    private func report(rowSum check: SumCheck, _ grid: TableGrid, _ layout: Layout, _ r: Int,
                        _ blankTotalsSeen: inout Set<Int>, into findings: inout [Finding]) {
        switch check {
        case .holds, .unchecked:
            return
        case .blankTotal(let sum):
            guard blankTotalsSeen.insert(layout.position(r, layout.totalColumn)).inserted else { return }
            findings.append(.warning(
                RuleID.cellTotalEmpty,
                "\(grid.cellName(row: r, column: layout.totalColumn))为空，而\(applicants(grid, layout, r))之和为\(Wording.number(sum))；按未填写处理，该行的合计未核对。",
                at: grid.location(row: r, column: layout.totalColumn), expected: .of(sum)))
        case .differs(let sum, let printed):
            findings.append(.error(
                RuleID.t3RowSum,
                "\(Wording.table(grid.id))\(grid.rowName(r))行：\(applicants(grid, layout, r))之和为\(Wording.number(sum))，“总计”列却为\(Wording.number(printed))，两者不等。",
                at: grid.location(row: r, column: layout.totalColumn), expected: .of(sum), actual: .of(printed)))
        }
    }

    /// T3-OUTCOME-SUM: in every column, （七）总计 = the outcome rows （一） … （六）.
    private func report(outcomeSum check: SumCheck, _ grid: TableGrid, _ layout: Layout, _ c: Int,
                        _ blankTotalsSeen: inout Set<Int>, into findings: inout [Finding]) {
        let r = layout.outcomeTotal
        switch check {
        case .holds, .unchecked:
            return
        case .blankTotal(let sum):
            guard blankTotalsSeen.insert(layout.position(r, c)).inserted else { return }
            findings.append(.warning(
                RuleID.cellTotalEmpty,
                "\(grid.cellName(row: r, column: c))为空，而（一）至（六）各项办理结果之和为\(Wording.number(sum))；按未填写处理，该列的总计未核对。",
                at: grid.location(row: r, column: c), expected: .of(sum)))
        case .differs(let sum, let printed):
            findings.append(.error(
                RuleID.t3OutcomeSum,
                "\(Wording.table(grid.id))\(grid.columnName(c, row: r))列：（一）至（六）各项办理结果之和为\(Wording.number(sum))，\(grid.rowName(r))却为\(Wording.number(printed))，两者不等。",
                at: grid.location(row: r, column: c), expected: .of(sum), actual: .of(printed)))
        }
    }

    /// T3-BALANCE: in every column, 第一项 + 第二项 = 第三项（七）总计 + 第四项.
    ///
    /// Blank parts count as 0; a blank total (the 总计 column, or the （七）总计 row) is "not filled" and the
    /// column is skipped (CELL-TOTAL-EMPTY has said so where its parts are not zero).
    private func checkBalances(_ grid: TableGrid, _ layout: Layout, into findings: inout [Finding]) {
        for c in layout.allColumns {
            func term(_ r: Int) -> Double? {
                let operand = Operand(grid[r, c])
                return c == layout.totalColumn || r == layout.outcomeTotal ? operand.asTotal : operand.asPart
            }
            guard let new = term(layout.new), let carriedOver = term(layout.carriedOver),
                  let outcomes = term(layout.outcomeTotal), let carriedForward = term(layout.carriedForward)
            else { continue }
            let received = new + carriedOver
            let settled = outcomes + carriedForward
            guard !Operand.same(received, settled) else { continue }
            let n = Wording.number
            findings.append(.error(
                RuleID.t3Balance,
                "\(Wording.table(grid.id))\(grid.columnName(c, row: layout.new))列：第一项（\(n(new))）加第二项（\(n(carriedOver))）之和为\(n(received))，第三项总计（\(n(outcomes))）加第四项（\(n(carriedForward))）之和为\(n(settled))，两者不等。",
                at: FindingLocation(section: grid.id.section, table: grid.id,
                                    column: grid.layout.columnKeys[layout.new][c]),
                expected: .of(received), actual: .of(settled)))
        }
    }

    /// "各类申请人（自然人12、法律服务机构3）": the applicant columns of a row that are not 0.
    private func applicants(_ grid: TableGrid, _ layout: Layout, _ r: Int) -> String {
        let nonZero = layout.applicantColumns.compactMap { c -> String? in
            guard let v = Operand(grid[r, c]).asPart, v != 0 else { return nil }
            return "\(grid.definition.rows[r].columns[c].label)\(Wording.number(v))"
        }
        return nonZero.isEmpty ? "各类申请人" : "各类申请人（\(nonZero.joined(separator: "、"))）"
    }

    /// Where the rows and columns of the identities are in a template's table 三, found once per template.
    private struct Layout: Sendable {
        let applicantColumns: [Int]
        let totalColumn: Int
        let allColumns: Range<Int>
        let outcomeRows: [Int]
        let new: Int
        let carriedOver: Int
        let outcomeTotal: Int
        let carriedForward: Int

        init?(_ template: ReportTemplate) {
            let rows = template.t3.rows
            func row(_ key: String) -> Int? { rows.firstIndex { $0.key == key } }
            guard let columns = rows.first?.columns, rows.allSatisfy({ $0.columns == columns }),
                  let total = columns.firstIndex(where: { $0.key == "total" }),
                  let new = row("new"), let carriedOver = row("carried_over"), let outcomeTotal = row("outcome_total"),
                  let carriedForward = row("carried_forward")
            else { return nil }
            applicantColumns = ApplicationTable.applicantColumns.compactMap { key in
                columns.firstIndex { $0.key == key }
            }
            totalColumn = total
            allColumns = columns.indices
            outcomeRows = template.t3OutcomeRows.compactMap(row)
            self.new = new
            self.carriedOver = carriedOver
            self.outcomeTotal = outcomeTotal
            self.carriedForward = carriedForward
        }

        /// One number for a cell, for remembering which totals were reported.
        func position(_ row: Int, _ column: Int) -> Int { row * 64 + column }

        static let gov2019 = Layout(.gov2019)
        static let gov2021 = Layout(.gov2021)

        static func of(_ id: TemplateID) -> Layout? {
            switch id {
            case .gov2019: gov2019
            case .gov2021: gov2021
            case .legacy: nil
            }
        }
    }
}
