import ReportModel
import ReportValidation
import Testing

@Suite("Cells: CELL-NUMERIC, CELL-INT, CELL-NONNEG, CELL-NA, CELL-UNIT")
struct CellRulesTests {
    static let cellRules = [RuleID.cellNumeric, RuleID.cellInt, RuleID.cellNonNeg, RuleID.cellNA, RuleID.cellUnit]

    @Test("plain numbers, decimals without a fraction, and amounts raise nothing",
          arguments: [TemplateID.gov2019, .gov2021])
    func plainCells(template: TemplateID) {
        var report = TestReports.consistent(template)
        report[.t2, "licensing", "decisions"] = Cell(raw: "73", kind: .number, value: .decimal(73))
        if template == .gov2019 {
            report[.t2, "procurement", "amount"] = .decimal(6.8178)
            report.set(.t2, "licensing", "delta", -8)  // 本年增/减 may be negative
        } else {
            report[.t2, "fees", "amount"] = .decimal(96171.6)
        }
        let findings = report.validated.findings.filter { Self.cellRules.contains($0.rule) }
        #expect(findings.isEmpty)
    }

    @Test func textWhereANumberBelongs() throws {
        var report = TestReports.report()
        report[.t2, "penalty", "decisions"] = .text("详见附件")
        let finding = try #require(report.validated.raised(RuleID.cellNumeric).first)
        #expect(finding.severity == .error)
        #expect(finding.location == FindingLocation(section: .s2, table: .t2, row: "penalty", column: "decisions",
                                                    source: "详见附件"))
        #expect(finding.message == "表二“第二十条第（六）项 行政处罚”行“本年处理决定数量”列应填数字，印的是“详见附件”。")
    }

    @Test("counts must be whole", arguments: [
        (TableID.t3, "new", "natural"), (.t4, "review", "upheld"), (.t2, "licensing", "decisions"),
    ])
    func wholeCounts(table: TableID, row: String, column: String) throws {
        var report = TestReports.report()
        report[table, row, column] = Cell(raw: "2.5", kind: .number, value: .decimal(2.5))
        let finding = try #require(report.validated.raised(RuleID.cellInt).first)
        #expect(finding.severity == .error)
        #expect(finding.location.keys == .cell(table, row, column))
        #expect(finding.actual == .decimal(2.5))
    }

    @Test func negativeCount() throws {
        var report = TestReports.report(.gov2019)
        report.set(.t3, "granted", "natural", -1)
        report.set(.t3, "granted", "total", -1)
        report.set(.t2, "licensing", "delta", -8)
        let findings = report.validated.raised(RuleID.cellNonNeg)
        #expect(findings.map(\.location.keys) == [.cell(.t3, "granted", "natural"), .cell(.t3, "granted", "total")])
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test("'not applicable' markers in tables 三 and 四: one warning per row")
    func notApplicable() throws {
        var report = TestReports.report()
        report[.t3, "denied.security", "research"] = .notApplicable("/")
        report[.t3, "denied.security", "nonprofit"] = .notApplicable("—")
        report[.t4, "review", "other"] = .notApplicable("无")
        report[.t2, "coercion", "decisions"] = .notApplicable("-")  // table 二: not this rule
        let findings = report.validated.raised(RuleID.cellNA)
        #expect(findings.map(\.location.keys) == [.cell(.t3, "denied.security", nil), .cell(.t4, "review", nil)])
        let first = try #require(findings.first)
        #expect(first.severity == .warning)
        #expect(first.message == "表三“3.危及“三安全一稳定””行的“科研机构”、“社会公益组织”列填的是“/”、“—”，统计数应填数字，没有的填0。")
    }

    @Test func unitInCell() throws {
        var report = TestReports.report(.gov2019)
        report[.t3, "new", "natural"] = Cell(raw: "0件", kind: .zero, value: .integer(0), unit: "件")
        report[.t2, "procurement", "amount"] = Cell(raw: "251000元", kind: .number, value: .decimal(251000), unit: "元")
        let findings = report.validated.raised(RuleID.cellUnit)
        #expect(findings.map(\.severity) == [.warning, .info])
        #expect(findings.map(\.location.keys) == [.cell(.t2, "procurement", "amount"), .cell(.t3, "new", "natural")])
        #expect(findings[0].message.contains("万元"))
        #expect(findings[0].location.source == "251000元")
    }

    @Test("万元 printed in a 万元 column is only worth an info")
    func unitThatFits() {
        var report = TestReports.report()
        report[.t2, "fees", "amount"] = .decimal(12.5, raw: "12.5万元", unit: "万元")
        #expect(report.validated.raised(RuleID.cellUnit).map(\.severity) == [.info])
        #expect(report.validated.status == .valid)
    }
}
