import ReportModel
import ReportValidation
import Testing

@Suite("ReportValidator: findings appended, status set")
struct ReportValidatorTests {
    @Test func validReport() {
        let report = TestReports.consistent().validated
        #expect(report.findings.isEmpty)
        #expect(report.status == .valid)
    }

    @Test("status: error → invalid, warning → warnings, info only → valid")
    func status() {
        var invalid = TestReports.consistent()
        invalid.set(.t4, "review", "total", 1)
        #expect(invalid.validated.status == .invalid)
        var warnings = TestReports.consistent()
        warnings.sections[.s5]?.text = "无"
        #expect(warnings.validated.status == .warnings)
        var info = TestReports.consistent()
        info.sections[.s6]?.text = "无"
        #expect(info.validated.status == .valid)
        #expect(info.validated.findings.map(\.severity) == [.info])
    }

    @Test("the parser's findings are kept and count for the status")
    func parserFindings() {
        var report = TestReports.consistent()
        report.findings = [.error(RuleID.docShapeT4, "表四少一个数。", at: FindingLocation(table: .t4))]
        report.sections[.s5]?.text = "无"
        let validated = report.validated
        #expect(validated.findings.map(\.rule) == [RuleID.docShapeT4, RuleID.txtSec5Empty])
        #expect(validated.status == .invalid)
    }

    @Test func rejectedStaysRejected() {
        var report = TestReports.report(.legacy, year: 2016)
        report.status = .rejected
        report.evidence = Evidence(titleYear: 2016, periodYear: 2015)
        let validated = report.validated
        #expect(validated.status == .rejected)
        #expect(validated.raised(RuleID.docYear).count == 1)
    }

    @Test("an unknown layout gets the structure rules only")
    func unknownLayout() {
        var report = TestReports.consistent()
        report.template = nil
        report.set(.t3, "new", "total", 99)
        report.sections[.s5]?.text = "无"
        report.sections[.s2] = nil
        let validated = report.validated
        #expect(validated.findings.map(\.rule) == [RuleID.docSections])
        #expect(validated.status == .invalid)
    }

    @Test("every finding's fingerprint comes from its rule and canonical location")
    func fingerprints() {
        var report = TestReports.consistent()
        report.set(.t3, "new", "natural", 13)
        report.sections[.s5]?.text = "无"
        for finding in report.validated.findings {
            #expect(finding.fingerprint == Fingerprint.of(rule: finding.rule, location: finding.location))
            #expect(finding.location.section != nil)
        }
    }

    @Test("text made of nothing but the phrases the narrative rules look for does not take long")
    func adversarialText() {
        var report = TestReports.consistent()
        report.set(.t3, "carried_forward", "total", 1)
        report.sections[.s1]?.text = String(repeating: "受理申请全部办结除结转下年度", count: 5_000)
        report.sections[.s3]?.text = String(repeating: "申", count: 50_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = ReportValidator().validate(report) }
        #expect(elapsed < .seconds(2))
    }
}
