public import ReportModel

/// Checks a report against the rules of the report model and sets its status.
///
/// Validation is pure: it reads the report and returns values, with no I/O. Which checks run depends on
/// what was read: structure rules always (where they apply), table and narrative rules only for a report
/// in a national layout (`gov2019`, `gov2021`) that was not rejected, and each table rule only for a table
/// the report has.
public struct ReportValidator: Sendable {
    private let rules: [any Rule] = [
        StructureRules(),
        CellRules(),
        ProactiveDisclosureRules(),
        ApplicationTableRules(),
        ReviewLitigationRules(),
        NarrativeRules(),
    ]
    private let crossYear = CrossYearRules()

    public init() {}

    /// The report with the validator's findings appended and its status set (a rejected report stays rejected).
    ///
    /// The status is computed from all findings, the parser's included.
    public func validate(_ report: Report) -> Report {
        let context = ValidationContext(report)
        var findings: [Finding] = []
        for rule in rules {
            rule.check(context, into: &findings)
        }
        var checked = report
        checked.findings.append(contentsOf: findings)
        if checked.status != .rejected {
            checked.status = ReportStatus.from(checked.findings)
        }
        return checked
    }

    /// The cross-year rules (X-*) for the same body's previous year.
    ///
    /// The caller pairs the reports (same body); X-CARRY, X-INFORCE and X-JUMP only compare consecutive
    /// years when both years are known.
    public func crossYearFindings(current: Report, previous: Report) -> [Finding] {
        crossYear.findings(current: current, previous: previous)
    }
}
