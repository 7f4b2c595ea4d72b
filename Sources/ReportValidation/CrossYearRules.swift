import ReportModel

/// The same body's report against last year's: X-CARRY, X-INFORCE, X-DUPLICATE-TEXT, X-JUMP.
///
/// Findings are located in the current report. X-CARRY, X-INFORCE and X-JUMP need consecutive years (when
/// both years are known) and tables that were read; X-DUPLICATE-TEXT only needs the text.
struct CrossYearRules: Sendable {
    /// Sections whose text is compared with last year's.
    static let comparedSections: [SectionKey] = [.s1, .s5, .s6]
    /// More than this share of CJK bigrams in common is copying.
    static let duplicateThreshold = 0.5
    /// X-JUMP: new applications change by more than this factor …
    static let jumpFactor = 5.0
    /// … and by more than this many.
    static let jumpMinimum = 50.0

    func findings(current: Report, previous: Report) -> [Finding] {
        var findings: [Finding] = []
        let consecutive = current.year == nil || previous.year == nil || current.year == previous.year.map { $0 + 1 }
        if consecutive, let t3 = Self.grid(.t3, of: current), let lastT3 = Self.grid(.t3, of: previous) {
            checkCarry(t3, lastT3, into: &findings)
            checkJump(t3, lastT3, into: &findings)
        }
        if consecutive, current.template == .gov2021, previous.template == .gov2021,
           let t2 = Self.grid(.t2, of: current), let lastT2 = Self.grid(.t2, of: previous) {
            checkInForce(t2, lastT2, into: &findings)
        }
        checkDuplicateText(current, previous, into: &findings)
        return findings
    }

    /// The grid of one table of a report that was read (as ``ValidationContext`` makes it), only for the
    /// tables these rules compare.
    private static func grid(_ id: TableID, of report: Report) -> TableGrid? {
        guard report.status != .rejected, let template = report.template, let table = report.tables[id],
              let layouts = TableLayout.Template.of(template) else { return nil }
        return TableGrid(layouts.table(id), table)
    }

    /// X-CARRY: this year's 上年结转 = last year's 结转下年度, per column, where both print a number.
    private func checkCarry(_ grid: TableGrid, _ last: TableGrid, into findings: inout [Finding]) {
        guard let r = grid.rowIndex("carried_over"), let lastRow = last.rowIndex("carried_forward") else { return }
        for (c, key) in grid.layout.columnKeys[r].enumerated() {
            guard let lc = last.columnIndex(key, row: lastRow),
                  grid[r, c].hasValue, last[lastRow, lc].hasValue,
                  !Operand.same(grid[r, c].value, last[lastRow, lc].value) else { continue }
            let now = grid[r, c].value
            let before = last[lastRow, lc].value
            findings.append(.warning(
                RuleID.xCarry,
                "\(grid.cellName(row: r, column: c))为\(Wording.number(now))，而上一年报告\(last.rowName(lastRow))的\(last.columnName(lc, row: lastRow))列为\(Wording.number(before))，两者应相等。",
                at: grid.location(row: r, column: c), expected: .of(before), actual: .of(now)))
        }
    }

    /// X-JUMP: new.total changes more than fivefold and by more than 50.
    private func checkJump(_ grid: TableGrid, _ last: TableGrid, into findings: inout [Finding]) {
        guard let r = grid.rowIndex("new"), let c = grid.columnIndex("total", row: r),
              let now = Operand(grid[r, c]).asTotal, let before = Operand(last.facts("new", "total")).asTotal,
              abs(now - before) > Self.jumpMinimum,
              max(now, before) > Self.jumpFactor * min(now, before) else { return }
        findings.append(.info(
            RuleID.xJump,
            "本年新收政府信息公开申请\(Wording.number(now))件，上一年为\(Wording.number(before))件，变化超过\(Wording.number(Self.jumpFactor))倍，请核对。",
            at: grid.location(row: r, column: c), expected: .of(before), actual: .of(now)))
    }

    /// X-INFORCE: 现行有效件数 = last year's + 本年制发 − 本年废止, for 规章 and 行政规范性文件.
    private func checkInForce(_ grid: TableGrid, _ last: TableGrid, into findings: inout [Finding]) {
        for r in 0..<grid.rowCount {
            guard let issued = grid.columnIndex("issued", row: r), let repealed = grid.columnIndex("repealed", row: r),
                  let inForce = grid.columnIndex("in_force", row: r),
                  let issuedCount = Operand(grid[r, issued]).asPart,
                  let repealedCount = Operand(grid[r, repealed]).asPart,
                  let now = Operand(grid[r, inForce]).asTotal,
                  let before = Operand(last.facts(grid.layout.rowKeys[r], "in_force")).asTotal else { continue }
            let expected = before + issuedCount - repealedCount
            guard !Operand.same(now, expected) else { continue }
            let n = Wording.number
            findings.append(.warning(
                RuleID.xInForce,
                "\(Wording.table(grid.id))\(grid.rowName(r))行：上一年现行有效\(n(before))件，加本年制发\(n(issuedCount))件、减本年废止\(n(repealedCount))件，应为\(n(expected))件，本年报告为\(n(now))件。",
                at: grid.location(row: r, column: inForce), expected: .of(expected), actual: .of(now)))
        }
    }

    /// X-DUPLICATE-TEXT: a section more than half the same as last year's (Jaccard on CJK bigrams).
    private func checkDuplicateText(_ current: Report, _ previous: Report, into findings: inout [Finding]) {
        for key in Self.comparedSections {
            guard let text = current.sections[key]?.text, let lastText = previous.sections[key]?.text,
                  let similarity = TextSimilarity.cjkBigramJaccard(text, lastText),
                  similarity > Self.duplicateThreshold else { continue }
            let percent = Int((similarity * 100).rounded())
            let year = previous.year.map { "（\($0)年）" } ?? ""
            findings.append(.warning(
                RuleID.xDuplicateText,
                "\(Wording.section(key))与上一年报告\(year)的相同部分有\(percent)%（按相邻两字计），超过50%，可能照搬了上一年的内容。",
                at: FindingLocation(section: key)))
        }
    }
}
