import ReportModel
@testable import ReportValidation
import Testing

@Suite("Across years: X-CARRY, X-INFORCE, X-DUPLICATE-TEXT, X-JUMP")
struct CrossYearRulesTests {
    /// 昆吾办 2020, section 一 (seed), and 淮安 2024, section 一: two different bodies' texts.
    static let kunwu = "2020年，昆吾办在开发区党工委的正确领导下，认真贯彻落实《条例》和省、市、区关于政府信息公开有关文件精神，进一步加强政府信息公开工作的组织领导，不断完善政府信息公开配套制度和工作规范，切实丰富政府信息公开的载体和形式，政府信息公开工作成效凸显，有效满足和保障新形势下公民知情权和监督权。"
    static let huaian = "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息公开条例》各项规定，圆满完成了各项任务。"

    /// A section 五 other than the stock one of `TestReports`.
    static let section5 = "受疫情影响，线下查阅点开放时间缩短，部分群众查询不便。明年拟增设自助终端并延长周末服务时段。"

    static func pair(_ template: TemplateID = .gov2021) -> (current: Report, previous: Report) {
        var previous = TestReports.consistent(template)
        previous.year = 2021
        var current = TestReports.consistent(template)
        current.year = 2022
        current.applications("carried_over", ["natural": 2, "commercial": 1])
        current.balanceT3()
        previous.sections[.s1]?.text = kunwu
        current.sections[.s1]?.text = huaian
        current.sections[.s5]?.text = section5
        return (current, previous)
    }

    static func findings(_ pair: (current: Report, previous: Report), _ rule: String) -> [Finding] {
        ReportValidator().crossYearFindings(current: pair.current, previous: pair.previous).filter { $0.rule == rule }
    }

    @Test func consecutiveYearsThatFit() {
        let pair = Self.pair()
        #expect(ReportValidator().crossYearFindings(current: pair.current, previous: pair.previous).isEmpty)
    }

    @Test func carryDiffers() throws {
        var pair = Self.pair()
        pair.current.applications("carried_over", ["natural": 5, "commercial": 1])
        let findings = Self.findings(pair, RuleID.xCarry)
        #expect(findings.map(\.location.keys) == [.cell(.t3, "carried_over", "natural"), .cell(.t3, "carried_over", "total")])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.expected == .integer(2))
        #expect(finding.actual == .integer(5))
        #expect(finding.message == "表三“二、上年结转政府信息公开申请数量”行“自然人”列为5，而上一年报告“四、结转下年度继续办理”的“自然人”列为2，两者应相等。")
    }

    @Test("X-CARRY only compares cells that both print, and only consecutive years")
    func carryNotCompared() {
        var blank = Self.pair()
        blank.current.applications("carried_over", ["natural": 5, "commercial": 1])
        blank.current[.t3, "carried_over", "natural"] = .blank
        blank.current[.t3, "carried_over", "total"] = .missing
        #expect(Self.findings(blank, RuleID.xCarry).isEmpty)
        var gap = Self.pair()
        gap.current.applications("carried_over", ["natural": 5])
        gap.current.year = 2023
        #expect(Self.findings(gap, RuleID.xCarry).isEmpty)
    }

    @Test func inForceFollows() {
        var pair = Self.pair()
        pair.previous.set(.t2, "regulations", "in_force", 11)
        pair.current.set(.t2, "regulations", "issued", 2)
        pair.current.set(.t2, "regulations", "repealed", 1)
        pair.current.set(.t2, "regulations", "in_force", 12)
        #expect(Self.findings(pair, RuleID.xInForce).isEmpty)
    }

    @Test func inForceDoesNotFollow() throws {
        var pair = Self.pair()
        pair.previous.set(.t2, "normative_docs", "in_force", 84)
        pair.current.set(.t2, "normative_docs", "issued", 8)
        pair.current.set(.t2, "normative_docs", "repealed", 26)
        pair.current.set(.t2, "normative_docs", "in_force", 60)
        let finding = try #require(Self.findings(pair, RuleID.xInForce).first)
        #expect(finding.severity == .warning)
        #expect(finding.location.keys == .cell(.t2, "normative_docs", "in_force"))
        #expect(finding.expected == .integer(66))
        #expect(finding.actual == .integer(60))
    }

    @Test("X-INFORCE needs the 2021 layout in both years")
    func inForceNeedsBoth2021() {
        var pair = Self.pair()
        pair.previous = TestReports.report(.gov2019, year: 2021)
        pair.current.set(.t2, "regulations", "in_force", 12)
        #expect(Self.findings(pair, RuleID.xInForce).isEmpty)
    }

    @Test func duplicateText() throws {
        var pair = Self.pair()
        pair.current.sections[.s1]?.text = Self.kunwu.replacingOccurrences2020()
        pair.current.sections[.s5]?.text = TestReports.section5
        let findings = Self.findings(pair, RuleID.xDuplicateText)
        #expect(findings.map(\.location.section) == [.s1, .s5])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.location == FindingLocation(section: .s1))
        #expect(finding.message.contains("100%"))
    }

    @Test("different texts, and short ones, are not copies")
    func notDuplicateText() throws {
        let pair = Self.pair()
        #expect(Self.findings(pair, RuleID.xDuplicateText).isEmpty)  // s6 "本年度未收取信息处理费。" both years: too short
        #expect(try #require(TextSimilarity.cjkBigramJaccard(Self.section5, TestReports.section5)) < 0.5)
    }

    @Test func similarity() throws {
        #expect(try #require(TextSimilarity.cjkBigramJaccard(Self.kunwu, Self.kunwu)) == 1)
        #expect(try #require(TextSimilarity.cjkBigramJaccard(Self.kunwu, Self.huaian)) < 0.2)
        #expect(TextSimilarity.cjkBigramJaccard("无", "无") == nil)
    }

    @Test func jump() throws {
        var pair = Self.pair()
        pair.current.applications("new", ["natural": 100])
        let finding = try #require(Self.findings(pair, RuleID.xJump).first)
        #expect(finding.severity == .info)
        #expect(finding.location.keys == .cell(.t3, "new", "total"))
        #expect(finding.expected == .integer(15))
        #expect(finding.actual == .integer(100))
    }

    @Test("no jump: less than fivefold, or by 50 or less", arguments: [Int64(70), 60, 0])
    func noJump(new: Int64) {
        var pair = Self.pair()
        pair.current.applications("new", ["natural": new])
        #expect(Self.findings(pair, RuleID.xJump).isEmpty)
    }
}

extension String {
    /// The same text for the next year: "2020年" becomes "2021年".
    func replacingOccurrences2020() -> String {
        String(unicodeScalars.map { $0 == "0" ? "1" : Character($0) })
    }
}
