import ReportModel
import ReportValidation
import Testing

@Suite("Table 二: T2-INFORCE, T2-PUBLISHED, T2-AMOUNT-UNIT")
struct ProactiveDisclosureRulesTests {
    static func documents(_ row: String, _ values: [String: Int64], template: TemplateID = .gov2021) -> Report {
        var report = TestReports.report(template)
        for (column, n) in values { report.set(.t2, row, column, n) }
        return report
    }

    @Test("淮安 2024: more repealed than issued, in force above both")
    func inForceHolds() {
        let report = Self.documents("normative_docs", ["issued": 8, "repealed": 26, "in_force": 66])
        #expect(report.validated.findings.isEmpty)
    }

    @Test func inForceBelowIssued() throws {
        let report = Self.documents("regulations", ["issued": 10, "repealed": 2, "in_force": 5]).validated
        let finding = try #require(report.raised(RuleID.t2InForce).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == .cell(.t2, "regulations", "in_force"))
        #expect(finding.expected == .integer(8))
        #expect(finding.actual == .integer(5))
        #expect(finding.message == "表二“第二十条第（一）项 规章”行：现行有效件数为5，少于本年制发件数（10）减本年废止件数（2）之差8。")
    }

    @Test("a blank 现行有效件数 is not filled, not 0")
    func inForceBlank() {
        var report = Self.documents("regulations", ["issued": 10])
        report[.t2, "regulations", "in_force"] = .blank
        #expect(report.validated.raised(RuleID.t2InForce).isEmpty)
    }

    @Test func publishedHolds() {
        let report = Self.documents("regulations", ["made": 3, "published": 3, "published_total": 40], template: .gov2019)
        #expect(report.validated.findings.isEmpty)
    }

    @Test func publishedTotalBelowPublished() throws {
        let report = Self.documents("normative_docs", ["published": 5, "published_total": 3], template: .gov2019)
        let finding = try #require(report.validated.raised(RuleID.t2Published).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == .cell(.t2, "normative_docs", "published_total"))
        #expect(finding.expected == .integer(5))
        #expect(finding.actual == .integer(3))
    }

    @Test("amounts that look right", arguments: [
        Cell.decimal(6.8178), .decimal(96171.6), .decimal(0), .blank, .decimal(999_999),
    ])
    func plausibleAmount(cell: Cell) {
        var report = TestReports.report(.gov2019)
        report.set(.t2, "procurement", "count", 3)
        report[.t2, "procurement", "amount"] = cell
        #expect(report.validated.raised(RuleID.t2AmountUnit).isEmpty)
    }

    @Test func amountInYuan() throws {
        var report = TestReports.report(.gov2019)
        report.set(.t2, "procurement", "count", 3)
        report[.t2, "procurement", "amount"] = Cell(raw: "251000元", kind: .number, value: .decimal(251000), unit: "元")
        let finding = try #require(report.validated.raised(RuleID.t2AmountUnit).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == .cell(.t2, "procurement", "amount"))
        #expect(finding.message.contains("印有单位“元”"))
    }

    @Test func tooManyDecimals() throws {
        var report = TestReports.report()
        report[.t2, "fees", "amount"] = .decimal(6.81785, raw: "6.81785")
        let finding = try #require(report.validated.raised(RuleID.t2AmountUnit).first)
        #expect(finding.location.keys == .cell(.t2, "fees", "amount"))
        #expect(finding.message.contains("有5位小数"))
    }

    @Test func implausibleSize() throws {
        var report = TestReports.report()
        report[.t2, "fees", "amount"] = .decimal(25_000_000)
        let finding = try #require(report.validated.raised(RuleID.t2AmountUnit).first)
        #expect(finding.message.contains("超过1000亿元"))
    }

    @Test("a procurement of 2,510,000 万元 over 3 projects was written in 元")
    func procurementInYuan() throws {
        var report = TestReports.report(.gov2019)
        report.set(.t2, "procurement", "count", 3)
        report[.t2, "procurement", "amount"] = .decimal(2_510_000)
        let finding = try #require(report.validated.raised(RuleID.t2AmountUnit).first)
        #expect(finding.message.contains("像是按元填写的"))
        report.set(.t2, "procurement", "count", 400)
        #expect(report.validated.raised(RuleID.t2AmountUnit).isEmpty)
    }
}
