import ReportModel
import ReportValidation
import Testing

@Suite("Table 四: T4-SUM")
struct ReviewLitigationRulesTests {
    static func report(review: [Int64]) -> Report {
        var report = TestReports.report()
        for (column, n) in zip(ReviewLitigationTable.columns.map(\.key), review) { report.set(.t4, "review", column, n) }
        return report
    }

    @Test func blocksThatAddUp() {
        #expect(Self.report(review: [1, 0, 2, 0, 3]).validated.findings.isEmpty)
    }

    @Test func sumPerBlock() throws {
        let report = Self.report(review: [1, 0, 2, 0, 4]).validated
        let finding = try #require(report.raised(RuleID.t4Sum).first)
        #expect(report.raised(RuleID.t4Sum).count == 1)
        #expect(finding.severity == .error)
        #expect(finding.location.keys == .cell(.t4, "review", "total"))
        #expect(finding.expected == .integer(3))
        #expect(finding.actual == .integer(4))
        #expect(finding.message == "表四“行政复议”：结果维持（1）、结果纠正（0）、其他结果（2）、尚未审结（0）之和为3，“总计”却为4，两者不等。")
        #expect(report.status == .invalid)
    }

    @Test func eachBlockOnItsOwn() {
        var report = TestReports.report()
        report.set(.t4, "suit_after_review", "pending", 2)
        #expect(report.validated.raised(RuleID.t4Sum).map(\.location.row) == ["suit_after_review"])
    }

    @Test func blankTotal() throws {
        var report = Self.report(review: [1, 0, 2, 0, 0])
        report[.t4, "review", "total"] = .blank
        let validated = report.validated
        #expect(validated.raised(RuleID.t4Sum).isEmpty)
        let finding = try #require(validated.raised(RuleID.cellTotalEmpty).first)
        #expect(finding.location.keys == .cell(.t4, "review", "total"))
        #expect(finding.severity == .warning)
    }

    @Test("blank parts count as 0 (a whole block left blank)")
    func blankBlock() {
        var report = Self.report(review: [1, 0, 2, 0, 3])
        for column in ReviewLitigationTable.columns { report[.t4, "suit_after_review", column.key] = .blank }
        report[.t4, "review", "corrected"] = .blank
        #expect(report.validated.findings.isEmpty)
    }
}
