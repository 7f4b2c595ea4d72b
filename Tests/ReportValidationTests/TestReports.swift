import ReportModel
import ReportValidation

/// Small reports built by hand: every table cell printed as 0, all six sections with unremarkable text.
enum TestReports {
    static let section1 = "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，主动公开各类政府信息。"
    static let section5 = "一是政务公开工作人员业务能力有待提高；二是公开内容还不够全面。下一步将加强培训，完善制度。"
    static let section6 = "本年度未收取信息处理费。"

    /// A report in `template` (gov2019 or gov2021) for a year that fits it, with nothing wrong.
    static func report(_ template: TemplateID = .gov2021, year: Int? = nil) -> Report {
        let year = year ?? (template == .gov2019 ? 2020 : 2021)
        var tables: [TableID: Table] = [:]
        if let definition = ReportTemplate.named(template) {
            for id in TableID.allCases {
                var table = Table()
                for row in definition.table(id).rows {
                    for column in row.columns { table[row.key, column.key] = .number(0) }
                }
                tables[id] = table
            }
        }
        var sections: [SectionKey: Section] = [:]
        for key in SectionKey.allCases {
            let text = switch key {
            case .s1: section1
            case .s5: section5
            case .s6: section6
            default: "（见下表）"
            }
            sections[key] = Section(heading: key.officialHeading, text: text)
        }
        return Report(file: "test-\(year).txt", template: template, year: year, body: "昆吾办",
                      title: "昆吾办\(year)年政府信息公开工作年度报告", sections: sections, tables: tables,
                      evidence: Evidence(titleYear: year, periodYear: year, textYear: year))
    }

    /// A report whose table 三 has numbers in several rows and columns, and adds up.
    ///
    /// 自然人: new 12, carried_over 1, granted 10, denied.state_secret 1 → carried_forward 2.
    /// 商业企业: new 3, partial 2 → carried_forward 1. Totals: new 15, carried_over 1, outcomes 13, carried_forward 3.
    static func consistent(_ template: TemplateID = .gov2021) -> Report {
        var report = report(template)
        report.applications("new", ["natural": 12, "commercial": 3])
        report.applications("carried_over", ["natural": 1])
        report.applications("granted", ["natural": 10])
        report.applications("partial", ["commercial": 2])
        report.applications("denied.state_secret", ["natural": 1])
        report.balanceT3()
        return report
    }
}

extension Cell {
    /// A printed whole number.
    static func number(_ n: Int64) -> Cell {
        Cell(raw: String(n), kind: n == 0 ? .zero : .number, value: .integer(n))
    }

    /// A printed decimal (an amount in 万元).
    static func decimal(_ d: Double, raw: String? = nil, unit: String? = nil) -> Cell {
        Cell(raw: raw ?? CellValue.decimal(d).description, kind: d == 0 ? .zero : .number, value: .decimal(d), unit: unit)
    }

    /// A cell printed blank.
    static let blank = Cell(raw: "", kind: .empty)

    /// A "not applicable" marker.
    static func notApplicable(_ raw: String = "/") -> Cell { Cell(raw: raw, kind: .na) }

    /// Text where a number belongs.
    static func text(_ raw: String) -> Cell { Cell(raw: raw, kind: .text) }
}

extension Report {
    /// A table cell by canonical keys.
    subscript(table: TableID, row: String, column: String) -> Cell? {
        get { tables[table]?[row, column] }
        set { tables[table, default: Table()][row, column] = newValue }
    }

    /// Sets a cell to a printed whole number.
    mutating func set(_ table: TableID, _ row: String, _ column: String, _ n: Int64) {
        self[table, row, column] = .number(n)
    }

    /// Sets applicant columns of a t3 row (others 0) and its 总计 to their sum.
    mutating func applications(_ row: String, _ counts: [String: Int64]) {
        for column in ApplicationTable.applicantColumns { set(.t3, row, column, counts[column] ?? 0) }
        set(.t3, row, "total", counts.values.reduce(0, +))
    }

    /// Makes table 三 add up: （七）总计 from the outcome rows, then 结转下年度 from the 勾稽关系, per column.
    mutating func balanceT3() {
        guard let definition else { return }
        for column in ApplicationTable.columns.map(\.key) {
            func n(_ row: String) -> Int64 { self[.t3, row, column]?.value?.integerValue ?? 0 }
            let outcomes = definition.t3OutcomeRows.reduce(0) { $0 + n($1) }
            set(.t3, "outcome_total", column, outcomes)
            set(.t3, "carried_forward", column, n("new") + n("carried_over") - outcomes)
        }
    }

    /// The findings of one rule after validation.
    func raised(_ rule: String) -> [Finding] {
        findings.filter { $0.rule == rule }
    }

    /// The report as the validator returns it.
    var validated: Report { ReportValidator().validate(self) }
}

extension FindingLocation {
    /// A cell of a table, in its section.
    static func cell(_ table: TableID, _ row: String?, _ column: String?) -> FindingLocation {
        FindingLocation(section: table.section, table: table, row: row, column: column)
    }

    /// The location without the document's own text, for comparing canonical keys.
    var keys: FindingLocation {
        var location = self
        location.source = nil
        return location
    }
}
