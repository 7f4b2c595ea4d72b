import ReportModel
import ReportValidation
import Testing

@Suite("Text and tables: TXT-NEW, TXT-CARRY, TXT-CONTRADICTION, TXT-SEC5-EMPTY, TXT-SEC6-FEE")
struct NarrativeRulesTests {
    /// 淮安 2024, section 一 (PDF text, with its line breaks).
    static let huaian = """
        （二）依申请公开情况。定期对政府信息公开申请集中的领
        域和热点问题进行研判，探索从源头上解决实际问题。2024 年，全市共受理政府信息公开申请 3119 件，答
        复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度
        答复），均在法定期限内予以答复。政府信息公开行政复议 351
        件，其中结果维持 72 件。
        """

    /// A report whose table 三 says: new 3119, carried over 34, carried forward 103.
    static func report(section1: String, section3: String = "（见下表）", new: Int64 = 3119,
                       carriedForward: Int64 = 103) -> Report {
        var report = TestReports.report()
        report.applications("new", ["natural": new])
        report.applications("carried_over", ["natural": 34])
        report.applications("granted", ["natural": new + 34 - carriedForward])
        report.balanceT3()
        report.sections[.s1]?.text = section1
        report.sections[.s3]?.text = section3
        return report
    }

    @Test("淮安 2024 agrees with its table")
    func huaianAgrees() {
        #expect(Self.report(section1: Self.huaian).validated.findings.isEmpty)
    }

    @Test func newApplicationsDiffer() throws {
        let report = Self.report(section1: Self.huaian, new: 3120).validated
        let finding = try #require(report.raised(RuleID.txtNew).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == FindingLocation(section: .s1, table: .t3, row: "new", column: "total"))
        #expect(finding.location.source == "全市共受理政府信息公开申请3119件")
        #expect(finding.expected == .integer(3120))
        #expect(finding.actual == .integer(3119))
        #expect(finding.message == "“一、总体情况”部分说收到政府信息公开申请3119件（“全市共受理政府信息公开申请3119件”），而表三“一、本年新收政府信息公开申请数量”总计为3120，两者不等。")
    }

    @Test("statements of the count of new applications", arguments: [
        "本年度共收到各类申请12件。",
        "2021年，本机关新收政府信息公开申请12件，上年结转0件。",
        "本年度受理依申请公开申请共计12件，均已按时答复。",
        "全年共受理政府信息公开申请 1 2 件。",
        "本年度，本机关共收到政府信息公开申请１２件。",
    ])
    func newApplicationsRead(text: String) {
        let differs = Self.report(section1: "", section3: text, new: 13, carriedForward: 0).validated
        #expect(differs.raised(RuleID.txtNew).count == (text.contains(" 2") ? 0 : 1))
        let agrees = Self.report(section1: "", section3: text, new: 12, carriedForward: 0).validated
        #expect(agrees.raised(RuleID.txtNew).isEmpty)
    }

    @Test("a count that includes last year's applications is not contradicted")
    func countWithCarriedOver() {
        let text = "本年度共受理政府信息公开申请3153件（含上年结转34件）。"
        #expect(Self.report(section1: text).validated.raised(RuleID.txtNew).isEmpty)
    }

    @Test func noApplicationsReceived() throws {
        let report = Self.report(section1: "（二）依申请公开情况\n\n2020年我办未收到相关申请。", new: 3).validated
        let finding = try #require(report.raised(RuleID.txtNew).first)
        #expect(finding.actual == .integer(0))
        #expect(finding.message.contains("说未收到政府信息公开申请"))
        #expect(Self.report(section1: "2020年我办未收到相关申请。", new: 0, carriedForward: 0).validated.findings.isEmpty)
    }

    @Test("sentences about other counts say nothing", arguments: [
        "本年度未收到行政复议申请。",
        "全年共收到人大代表建议12件。",
        "2019年以来累计受理政府信息公开申请12件。",
        "未收到申请人的投诉。",
        "本年度收到行政许可申请12件。",
        "其中，市本级受理政府信息公开申请12件。",
        "全市共受理政府信息公开申请12件。本机关共受理政府信息公开申请3件。",
    ])
    func otherCounts(text: String) {
        #expect(Self.report(section1: text, new: 3119).validated.raised(RuleID.txtNew).isEmpty)
    }

    @Test func carriedForwardDiffers() throws {
        let report = Self.report(section1: Self.huaian, carriedForward: 100).validated
        let finding = try #require(report.raised(RuleID.txtCarry).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == FindingLocation(section: .s1, table: .t3, row: "carried_forward", column: "total"))
        #expect(finding.expected == .integer(100))
        #expect(finding.actual == .integer(103))
    }

    @Test("statements of the count carried forward", arguments: [
        "结转下年度继续办理5件。", "另有5件申请结转至下年度办理。", "5件顺延到下一年度答复。", "结转下年度的申请共5件。",
    ])
    func carriedForwardRead(text: String) {
        #expect(Self.report(section1: text, carriedForward: 6).validated.raised(RuleID.txtCarry).count == 1)
        #expect(Self.report(section1: text, carriedForward: 5).validated.raised(RuleID.txtCarry).isEmpty)
    }

    @Test("the table's own row in the section text is not a statement")
    func tableRowInText() {
        let text = "四、结转下年度继续办理\t103\t0\t0\t0\t0\t0\t103\n四、政府信息公开行政复议、行政诉讼情况"
        #expect(Self.report(section1: "", section3: text, carriedForward: 10).validated.findings.isEmpty)
    }

    @Test func allHandledButCarriedForward() throws {
        let text = "本年度共收到政府信息公开申请3119件，已全部办结。"
        let report = Self.report(section1: text, carriedForward: 5).validated
        let finding = try #require(report.raised(RuleID.txtContradiction).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == FindingLocation(section: .s1, table: .t3, row: "carried_forward", column: "total"))
        #expect(finding.actual == .integer(5))
        #expect(Self.report(section1: text, carriedForward: 0).validated.raised(RuleID.txtContradiction).isEmpty)
    }

    @Test("phrases that say everything was done", arguments: [
        "所有申请均已办结。", "对收到的申请全部按时答复。", "受理的申请均已按期办理完毕。",
    ])
    func allHandledRead(text: String) {
        #expect(Self.report(section1: text, carriedForward: 5).validated.raised(RuleID.txtContradiction).count == 1)
    }

    @Test("phrases that do not say everything was done", arguments: [
        "答复3050件（另有103件顺延到下年度答复），均在法定期限内予以答复。",
        "对收到的申请均在法定期限内予以答复。",
        "申请的平均办结时间为5个工作日。",
        "截至年底，申请尚未全部办结。",
        "除5件外，其余申请均已办结。",
        "行政复议案件已全部办结。",
        "申请全部办结率达到100%。",
        "全年工作任务已全部办结。",
    ])
    func notAllHandled(text: String) {
        #expect(Self.report(section1: text, carriedForward: 5).validated.raised(RuleID.txtContradiction).isEmpty)
    }

    @Test("section 五 that says nothing", arguments: ["无", "无。", "", "暂无问题。"])
    func emptySection5(text: String) throws {
        var report = TestReports.report()
        report.sections[.s5]?.text = text
        let finding = try #require(report.validated.raised(RuleID.txtSec5Empty).first)
        #expect(finding.severity == .warning)
        #expect(finding.location == FindingLocation(section: .s5))
    }

    @Test func section5WithContent() {
        #expect(TestReports.report().validated.raised(RuleID.txtSec5Empty).isEmpty)
    }

    @Test func section6SilentOnFees() throws {
        var report = TestReports.report(.gov2021)
        report.sections[.s6]?.text = "无"
        let validated = report.validated
        let finding = try #require(validated.raised(RuleID.txtSec6Fee).first)
        #expect(finding.severity == .info)
        #expect(finding.location == FindingLocation(section: .s6))
        #expect(validated.status == .valid)
    }

    @Test("section 六 that names the fee, and 2019-layout reports for 2020",
          arguments: ["本年度未收取信息处理费。", "全年收取政府信息公开信息处理费3940元。", "本机关未发生收费情况。"])
    func section6OnFees(text: String) {
        var report = TestReports.report(.gov2021)
        report.sections[.s6]?.text = text
        #expect(report.validated.raised(RuleID.txtSec6Fee).isEmpty)
        var old = TestReports.report(.gov2019, year: 2020)
        old.sections[.s6]?.text = "无"
        #expect(old.validated.raised(RuleID.txtSec6Fee).isEmpty)
    }

    @Test("no narrative rules for a rejected report or an unknown layout")
    func skipped() {
        var report = TestReports.report()
        report.sections[.s5]?.text = "无"
        report.status = .rejected
        #expect(report.validated.raised(RuleID.txtSec5Empty).isEmpty)
        report.status = .valid
        report.template = nil
        #expect(report.validated.raised(RuleID.txtSec5Empty).isEmpty)
    }
}
