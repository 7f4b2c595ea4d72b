/// The `rows` export format: one JSON array per line, its first element a tag. A `report` row holds
/// ``reportMetadataColumns`` and then one value per canonical cell (a number when the cell has one, the
/// printed text when it has none, null when the report has no such cell); the `finding` rows of that
/// report follow it, with ``findingColumns``.
public enum ExportRows {
    /// The first element of a report row.
    public static let reportTag = "report"
    /// The first element of a finding row.
    public static let findingTag = "finding"
    /// The values that start every report row, before the canonical cells.
    public static let reportMetadataColumns = [
        "report_id", "body", "year", "template", "status", "version", "file", "sha256", "stored_at",
    ]
    /// The values of a finding row: `section`, `table`, `row`, `column` are canonical keys or null;
    /// `expected` and `actual` numbers or null.
    public static let findingColumns = [
        "rule", "severity", "message", "section", "table", "row", "column", "expected", "actual", "fingerprint",
    ]
}
