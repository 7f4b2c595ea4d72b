public import ReportModel

/// One current report as one row: its metadata and the value of every canonical cell.
public struct WideRow: Sendable, Hashable {
    public var report: StoredReport
    /// Aligned with ``CanonicalColumn/all``; nil where the report has no value (or its template lacks the cell).
    public var values: [CellValue?]

    public init(report: StoredReport, values: [CellValue?]) {
        self.report = report
        self.values = values
    }
}
