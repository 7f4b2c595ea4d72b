import ReportModel

/// Table 二: T2-INFORCE (2021: 现行有效件数 ≥ 本年制发 − 本年废止), T2-PUBLISHED (2019: 对外公开总数量 ≥
/// 本年新公开数量), T2-AMOUNT-UNIT (amounts must be 万元).
///
/// Which check applies to a row follows from the template's columns, not from the template id.
struct ProactiveDisclosureRules: Rule {
    /// An amount at or above this many 万元 (1000亿元) is implausible for one body's year.
    static let implausibleAmount = 10_000_000.0
    /// A procurement amount at or above this many 万元 (100亿元) over fewer than `fewProjects` projects
    /// looks like it was written in 元.
    static let procurementInYuan = 1_000_000.0
    static let fewProjects = 100.0
    /// 万元 with more decimals than this is below 1 元: the amount was probably written in 元 or 千元.
    static let maxDecimals = 4

    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let grid = context.t2 else { return }
        for r in 0..<grid.rowCount {
            func column(_ key: String) -> Int? { grid.columnIndex(key, row: r) }
            if let issued = column("issued"), let repealed = column("repealed"), let inForce = column("in_force") {
                checkInForce(grid, r, issued: issued, repealed: repealed, inForce: inForce, into: &findings)
            }
            if let published = column("published"), let total = column("published_total") {
                checkPublished(grid, r, published: published, total: total, into: &findings)
            }
            for (c, valueType) in grid.layout.valueTypes[r].enumerated() where valueType == .amount {
                checkAmount(grid, r, c, count: column("count"), into: &findings)
            }
        }
    }

    /// T2-INFORCE: documents issued this year and not repealed are in force.
    private func checkInForce(_ grid: TableGrid, _ r: Int, issued: Int, repealed: Int, inForce: Int,
                              into findings: inout [Finding]) {
        guard let issuedCount = Operand(grid[r, issued]).asPart, let repealedCount = Operand(grid[r, repealed]).asPart,
              let inForceCount = Operand(grid[r, inForce]).asTotal else { return }
        let least = issuedCount - repealedCount
        guard inForceCount < least, !Operand.same(inForceCount, least) else { return }
        let n = Wording.number
        findings.append(.warning(
            RuleID.t2InForce,
            "\(Wording.table(grid.id))\(grid.rowName(r))行：现行有效件数为\(n(inForceCount))，少于本年制发件数（\(n(issuedCount))）减本年废止件数（\(n(repealedCount))）之差\(n(least))。",
            at: grid.location(row: r, column: inForce), expected: .of(least), actual: .of(inForceCount)))
    }

    /// T2-PUBLISHED: the running total includes this year's publications.
    private func checkPublished(_ grid: TableGrid, _ r: Int, published: Int, total: Int,
                                into findings: inout [Finding]) {
        guard let publishedCount = Operand(grid[r, published]).asPart,
              let totalCount = Operand(grid[r, total]).asTotal,
              totalCount < publishedCount, !Operand.same(totalCount, publishedCount) else { return }
        let n = Wording.number
        findings.append(.warning(
            RuleID.t2Published,
            "\(Wording.table(grid.id))\(grid.rowName(r))行：对外公开总数量（\(n(totalCount))）少于本年新公开数量（\(n(publishedCount))）。",
            at: grid.location(row: r, column: total), expected: .of(publishedCount), actual: .of(totalCount)))
    }

    /// T2-AMOUNT-UNIT: one finding per amount cell, naming every reason it looks wrong.
    private func checkAmount(_ grid: TableGrid, _ r: Int, _ c: Int, count: Int?, into findings: inout [Finding]) {
        let facts = grid[r, c]
        guard facts.kind == .number || facts.hasUnit, let cell = grid.cell(r, c) else { return }
        var reasons: [String] = []
        if cell.unit == "元" || (cell.raw.hasSuffix("元") && !cell.raw.hasSuffix("万元")) {
            reasons.append("印有单位“元”，应换算为万元")
        }
        let decimals = Self.decimalPlaces(cell.raw)
        if decimals > Self.maxDecimals {
            reasons.append("有\(decimals)位小数，万元最多保留\(Self.maxDecimals)位")
        }
        if let amount = cell.value?.doubleValue, cell.kind == .number {
            if amount >= Self.implausibleAmount {
                reasons.append("\(Wording.number(amount))万元超过1000亿元，不合常理")
            } else if let count, amount >= Self.procurementInYuan,
                      let projects = Operand(grid[r, count]).asPart, projects < Self.fewProjects {
                reasons.append("\(Wording.number(projects))个项目共\(Wording.number(amount))万元，像是按元填写的")
            }
        }
        guard !reasons.isEmpty else { return }
        findings.append(.warning(
            RuleID.t2AmountUnit,
            "\(grid.cellName(row: r, column: c))（单位：万元）印的是“\(cell.raw)”：\(reasons.joined(separator: "；"))。",
            at: grid.location(row: r, column: c, source: cell.raw), actual: cell.value))
    }

    /// Digits after the decimal point of a printed number ('.' or full-width '．').
    static func decimalPlaces(_ raw: String) -> Int {
        var afterPoint = false
        var count = 0
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0xFF0E:
                if afterPoint { return count }
                afterPoint = true
            case 0x30...0x39, 0xFF10...0xFF19:
                if afterPoint { count += 1 }
            default:
                if afterPoint { return count }
            }
        }
        return count
    }
}
