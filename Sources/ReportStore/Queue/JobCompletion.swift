public import ReportModel

/// A worker's result for one running job: the report it produced.
public struct JobCompletion: Sendable, Hashable {
    public var id: JobID
    /// The report; a `rejected` report (not a report, legacy layout) is stored and makes the job `rejected`.
    public var report: Report
    /// The report's cells already encoded (``SQLiteJobQueue/encodeCells(of:)``), or nil to encode them while
    /// storing.
    public var cells: EncodedCells?

    public init(id: JobID, report: Report, cells: EncodedCells? = nil) {
        self.id = id
        self.report = report
        self.cells = cells
    }
}
