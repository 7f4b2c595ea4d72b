import ReportModel

/// The document as a whole: DOC-SECTIONS (the six statutory sections), DOC-TEMPLATE (layout fits the year),
/// DOC-YEAR (the years the document prints agree).
struct StructureRules: Rule {
    /// Sections whose absence is an error (they carry the three tables); the others are warnings.
    static let requiredSections: Set<SectionKey> = [.s2, .s3, .s4]

    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        checkSections(context.report, into: &findings)
        checkTemplate(context.report, into: &findings)
        checkYears(context.report, into: &findings)
    }

    /// DOC-SECTIONS: one finding per missing section, for national layouts (and unknown ones not rejected).
    private func checkSections(_ report: Report, into findings: inout [Finding]) {
        switch report.template {
        case .gov2019, .gov2021: break
        case nil: guard report.status != .rejected else { return }
        case .legacy: return
        }
        for key in SectionKey.allCases where report.sections[key] == nil {
            let location = FindingLocation(section: key)
            if Self.requiredSections.contains(key) {
                let table = TableID.allCases.first { $0.section == key }.map { "（含\(Wording.table($0))）" } ?? ""
                findings.append(.error(RuleID.docSections, "报告缺少\(Wording.section(key))\(table)。", at: location))
            } else {
                findings.append(.warning(RuleID.docSections, "报告缺少\(Wording.section(key))。", at: location))
            }
        }
    }

    /// DOC-TEMPLATE: the layout was issued for other years than the report's.
    private func checkTemplate(_ report: Report, into findings: inout [Finding]) {
        guard let template = report.template, let years = template.intendedYears, let year = report.year,
              !years.contains(year) else { return }
        let intended = years.upperBound >= 9999 ? "\(years.lowerBound)年度起" : "\(years.lowerBound)—\(years.upperBound)年度"
        var message = "\(year)年度的报告使用了\(Wording.template(template))，该格式适用于\(intended)"
        if let fitting = TemplateID.allCases.first(where: { $0.intendedYears?.contains(year) == true }) {
            message += "；\(year)年度应使用\(Wording.template(fitting))"
        }
        findings.append(.warning(RuleID.docTemplate, message + "。"))
    }

    /// DOC-YEAR: the title, the 统计期限 and the body text name different years.
    private func checkYears(_ report: Report, into findings: inout [Finding]) {
        let evidence = report.evidence
        let seen: [(String, Int)] = [("标题", evidence.titleYear), ("统计期限", evidence.periodYear),
                                     ("正文", evidence.textYear)].compactMap { name, year in year.map { (name, $0) } }
        guard let first = seen.first, seen.contains(where: { $0.1 != first.1 }) else { return }
        let list = seen.map { "\($0.0)为\($0.1)年" }.joined(separator: "，")
        findings.append(.warning(RuleID.docYear, "报告中的年份不一致：\(list)。"))
    }
}
