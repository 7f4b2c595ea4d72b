public import ReportModel

/// One cell of one current report, as in the `cells_long` view.
public struct CellRow: Sendable, Hashable {
    public var reportID: ReportID
    public var body: String?
    public var year: Int?
    public var column: CanonicalColumn
    public var cell: Cell

    public init(reportID: ReportID, body: String?, year: Int?, column: CanonicalColumn, cell: Cell) {
        self.reportID = reportID
        self.body = body
        self.year = year
        self.column = column
        self.cell = cell
    }
}
