import ReportModel
import ReportValidation
import Testing

@Suite("Structure: DOC-SECTIONS, DOC-TEMPLATE, DOC-YEAR")
struct StructureRulesTests {
    @Test func allSectionsPresent() {
        #expect(TestReports.report().validated.raised(RuleID.docSections).isEmpty)
    }

    @Test func missingSections() {
        var report = TestReports.report()
        report.sections[.s3] = nil
        report.sections[.s5] = nil
        let findings = report.validated.raised(RuleID.docSections)
        #expect(findings.map(\.location) == [FindingLocation(section: .s3), FindingLocation(section: .s5)])
        #expect(findings.map(\.severity) == [.error, .warning])
        #expect(findings[0].message == "报告缺少“三、收到和处理政府信息公开申请情况”部分（含表三）。")
    }

    @Test("sections of an unknown layout are checked; of legacy or rejected ones not")
    func whichReports() {
        var report = TestReports.report()
        report.sections = [:]
        var unknown = report
        unknown.template = nil
        #expect(unknown.validated.raised(RuleID.docSections).count == 6)
        var legacy = report
        legacy.template = .legacy
        legacy.status = .rejected
        #expect(legacy.validated.raised(RuleID.docSections).isEmpty)
        var rejected = unknown
        rejected.status = .rejected
        #expect(rejected.validated.raised(RuleID.docSections).isEmpty)
    }

    @Test("a layout that fits its year", arguments: [(TemplateID.gov2019, 2019), (.gov2019, 2020), (.gov2021, 2021),
                                                    (.gov2021, 2024)])
    func templateFits(template: TemplateID, year: Int) {
        #expect(TestReports.report(template, year: year).validated.raised(RuleID.docTemplate).isEmpty)
    }

    @Test func reportIn2019LayoutFor2022() throws {
        let report = TestReports.report(.gov2019, year: 2022).validated
        let finding = try #require(report.raised(RuleID.docTemplate).first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "2022年度的报告使用了2019年版格式（国办公开办函〔2019〕60号），该格式适用于2019—2020年度；2022年度应使用2021年版格式（国办公开办函〔2021〕30号）。")
        #expect(report.status == .warnings)
    }

    @Test func reportIn2021LayoutFor2020() throws {
        let finding = try #require(TestReports.report(.gov2021, year: 2020).validated.raised(RuleID.docTemplate).first)
        #expect(finding.message.contains("2020年度"))
        #expect(finding.message.contains("2021年度起"))
    }

    @Test func yearsAgree() {
        var report = TestReports.report()
        report.evidence = Evidence(titleYear: 2021, periodYear: nil, textYear: 2021)
        #expect(report.validated.raised(RuleID.docYear).isEmpty)
    }

    @Test func yearsDisagree() throws {
        var report = TestReports.report()
        report.evidence = Evidence(titleYear: 2021, periodYear: 2020, textYear: nil)
        let finding = try #require(report.validated.raised(RuleID.docYear).first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "报告中的年份不一致：标题为2021年，统计期限为2020年。")
        #expect(finding.location == FindingLocation())
    }
}
