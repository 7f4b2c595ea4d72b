import ReportModel
import ReportValidation
import Testing

@Suite("Table 三: T3-ROW-SUM, T3-OUTCOME-SUM, T3-BALANCE, CELL-TOTAL-EMPTY")
struct ApplicationTableRulesTests {
    static let arithmetic = [RuleID.t3RowSum, RuleID.t3OutcomeSum, RuleID.t3Balance, RuleID.cellTotalEmpty]

    @Test("a table that adds up raises nothing", arguments: [TemplateID.gov2019, .gov2021])
    func consistentTable(template: TemplateID) {
        let report = TestReports.consistent(template).validated
        #expect(report.findings.isEmpty)
        #expect(report.status == .valid)
    }

    @Test func rowSum() throws {
        var report = TestReports.consistent()
        report.set(.t3, "new", "natural", 13)  // total stays 15
        let finding = try #require(report.validated.raised(RuleID.t3RowSum).first)
        #expect(finding.severity == .error)
        #expect(finding.location.keys == .cell(.t3, "new", "total"))
        #expect(finding.expected == .integer(16))
        #expect(finding.actual == .integer(15))
        #expect(finding.message.contains("表三“一、本年新收政府信息公开申请数量”行"))
        #expect(finding.message.contains("之和为16"))
        #expect(finding.message.contains("“总计”列却为15"))
        #expect(report.validated.raised(RuleID.t3RowSum).count == 1)
    }

    @Test func outcomeSum() throws {
        var report = TestReports.consistent()
        report.set(.t3, "outcome_total", "natural", 10)  // outcomes add up to 11
        let finding = try #require(report.validated.raised(RuleID.t3OutcomeSum).first)
        #expect(finding.severity == .error)
        #expect(finding.location.keys == .cell(.t3, "outcome_total", "natural"))
        #expect(finding.expected == .integer(11))
        #expect(finding.actual == .integer(10))
        #expect(finding.message == "表三“自然人”列：（一）至（六）各项办理结果之和为11，“（七）总计”却为10，两者不等。")
    }

    @Test("the 2021 layout's three 其他处理 rows are outcomes")
    func outcomeSumCountsOtherHandling2021() throws {
        var report = TestReports.consistent(.gov2021)
        report.applications("other_handling.fee_unpaid", ["legal": 1])
        let findings = report.validated.raised(RuleID.t3OutcomeSum)
        #expect(findings.map(\.location.column) == ["legal", "total"])
    }

    @Test func balance() throws {
        var report = TestReports.consistent()
        report.set(.t3, "carried_forward", "natural", 3)
        report.set(.t3, "carried_forward", "total", 4)
        let findings = report.validated.raised(RuleID.t3Balance)
        #expect(findings.map(\.location.column) == ["natural", "total"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.location.keys == FindingLocation(section: .s3, table: .t3, column: "natural"))
        #expect(finding.expected == .integer(13))
        #expect(finding.actual == .integer(14))
        #expect(finding.message == "表三“自然人”列：第一项（12）加第二项（1）之和为13，第三项总计（11）加第四项（3）之和为14，两者不等。")
    }

    @Test("a blank total over non-zero parts is one warning, and its identities are skipped")
    func blankTotal() throws {
        var report = TestReports.consistent()
        report[.t3, "new", "total"] = .blank
        let validated = report.validated
        let finding = try #require(validated.raised(RuleID.cellTotalEmpty).first)
        #expect(validated.raised(RuleID.cellTotalEmpty).count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == .cell(.t3, "new", "total"))
        #expect(finding.expected == .integer(15))
        #expect(validated.raised(RuleID.t3RowSum).isEmpty)
        #expect(validated.raised(RuleID.t3Balance).isEmpty)
        #expect(validated.status == .warnings)
    }

    @Test("a total that is the total of a row and of a column is reported once")
    func blankGrandTotal() {
        var report = TestReports.consistent()
        report[.t3, "outcome_total", "total"] = .blank
        let findings = report.validated.raised(RuleID.cellTotalEmpty)
        #expect(findings.map(\.location.keys) == [.cell(.t3, "outcome_total", "total")])
    }

    @Test("上海 2019: totals left blank except 一, 二, （七）, 四 — warnings, no errors")
    func totalsLeftBlank() {
        var report = TestReports.consistent()
        for row in ["granted", "partial", "denied.state_secret"] { report[.t3, row, "total"] = .blank }
        let validated = report.validated
        #expect(validated.raised(RuleID.cellTotalEmpty).map(\.location.row) == ["granted", "partial", "denied.state_secret"])
        #expect(validated.findings.allSatisfy { $0.severity == .warning })
    }

    @Test("a blank （七）总计 cell does not count as 0 in its row")
    func outcomeTotalLeftBlank() {
        var report = TestReports.consistent()
        report[.t3, "outcome_total", "natural"] = .blank
        let validated = report.validated
        #expect(validated.raised(RuleID.cellTotalEmpty).map(\.location.keys) == [.cell(.t3, "outcome_total", "natural")])
        #expect(validated.status == .warnings)
    }

    @Test("a blank total over zero parts is not worth a finding")
    func blankTotalOverZeros() {
        var report = TestReports.consistent()
        report[.t3, "denied.query", "total"] = .blank
        #expect(report.validated.findings.isEmpty)
    }

    @Test("blank and 'not applicable' parts count as 0", arguments: [Cell.blank, .notApplicable("—")])
    func blankPartIsZero(cell: Cell) {
        var report = TestReports.consistent()
        report[.t3, "new", "research"] = cell
        report[.t3, "outcome_total", "research"] = cell
        let findings = report.validated.findings.filter { Self.arithmetic.contains($0.rule) }
        #expect(findings.isEmpty)
    }

    @Test("a missing cell makes its identities uncheckable, silently")
    func missingPart() {
        var report = TestReports.consistent()
        report[.t3, "new", "natural"] = .missing
        report.set(.t3, "new", "total", 99)
        let validated = report.validated
        #expect(validated.raised(RuleID.t3RowSum).isEmpty)
        #expect(validated.raised(RuleID.t3Balance).map(\.location.column) == ["total"])
    }

    @Test("a text cell is CELL-NUMERIC and its identities are skipped")
    func textPart() {
        var report = TestReports.consistent()
        report[.t3, "granted", "natural"] = .text("约10")
        let validated = report.validated
        #expect(validated.raised(RuleID.cellNumeric).count == 1)
        #expect(validated.raised(RuleID.t3RowSum).isEmpty)
        #expect(validated.raised(RuleID.t3OutcomeSum).isEmpty)
    }

    @Test("inferred cells take part like printed ones")
    func inferredCell() {
        var report = TestReports.consistent()
        report[.t3, "new", "natural"] = .inferred(.integer(12))
        #expect(report.validated.findings.isEmpty)
        report[.t3, "new", "natural"] = .inferred(.integer(11))
        #expect(report.validated.raised(RuleID.t3RowSum).count == 1)
    }

    @Test("no table rules for a rejected report, an unknown layout, or an absent table")
    func skipped() {
        var broken = TestReports.consistent()
        broken.set(.t3, "new", "total", 99)
        var rejected = broken
        rejected.status = .rejected
        var unknown = broken
        unknown.template = nil
        var absent = broken
        absent.tables[.t3] = nil
        for report in [rejected, unknown, absent] {
            let findings = report.validated.findings.filter { Self.arithmetic.contains($0.rule) }
            #expect(findings.isEmpty)
        }
    }
}
