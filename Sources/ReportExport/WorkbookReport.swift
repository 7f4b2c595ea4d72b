public import ReportModel

/// One report as the workbook lays it out: what identifies it, every canonical cell ready to write, and its
/// findings. Built from a ``Report``, or from the daemon's `rows` export without decoding whole reports.
public struct WorkbookReport: Sendable {
    public var body: String?
    public var year: Int?
    /// The template id (`gov2019`, `gov2021`), which decides the rows of the table sheets.
    public var template: String?
    public var status: String
    public var file: String
    /// Aligned with ``ReportWorkbook/cellColumns``: the number, else what was printed, else empty.
    public var cells: [XLSXCell]
    /// The tables the report has at least one cell of: only those get rows on the table sheets.
    public var tables: Set<TableID>
    public var findings: [WorkbookFinding]

    public init(body: String?, year: Int?, template: String?, status: String, file: String, cells: [XLSXCell],
                tables: Set<TableID>, findings: [WorkbookFinding] = []) {
        self.body = body
        self.year = year
        self.template = template
        self.status = status
        self.file = file
        self.cells = cells
        self.tables = tables
        self.findings = findings
    }
}
