import ReportModel

/// A family of checks from the report model that looks at one report and says what it finds.
///
/// A rule reads a prepared ``ValidationContext`` and only appends findings: it never changes the report,
/// does no I/O and keeps no state between reports, so one instance can check many reports at once.
///
/// - Important: Raise only the rule ids of the report model (`RuleID`), and give every finding a location
///   made of canonical keys (section, table, row, column), so that its fingerprint stays the same when the
///   report is processed again.
protocol Rule: Sendable {
    /// Appends this rule's findings about the report in `context`.
    func check(_ context: ValidationContext, into findings: inout [Finding])
}
