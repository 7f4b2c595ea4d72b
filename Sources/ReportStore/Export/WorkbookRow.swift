public import ReportModel

/// One current report as the workbook export reads it: its metadata, every canonical cell as printed, and
/// its findings. `cells` points into the row being read and is valid only during the callback.
public struct WorkbookRow {
    public var report: StoredReport
    /// Aligned with ``CanonicalColumn/all``.
    public var cells: UnsafeBufferPointer<PrintedCell>
    /// The report's findings (its own, then the cross-year ones), in the order they were stored.
    public var findings: [Finding]

    public init(report: StoredReport, cells: UnsafeBufferPointer<PrintedCell>, findings: [Finding]) {
        self.report = report
        self.cells = cells
        self.findings = findings
    }
}
