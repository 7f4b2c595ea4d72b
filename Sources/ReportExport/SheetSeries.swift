/// A sheet that continues on a new sheet, headers repeated, when it reaches Excel's row limit.
final class SheetSeries {
    typealias HeaderWriter = (XLSXWorkbook.SheetID, XLSXWorkbook) throws -> Void

    private let name: String
    private let widths: [Double]
    private let headerRows: Int
    private let header: HeaderWriter
    private var current: XLSXWorkbook.SheetID?
    private var part = 1

    init(name: String, widths: [Double], headerRows: Int, header: @escaping HeaderWriter) {
        self.name = name
        self.widths = widths
        self.headerRows = headerRows
        self.header = header
    }

    /// Creates the first sheet and writes its header.
    func start(in workbook: XLSXWorkbook) throws {
        let sheet = try workbook.addSheet(part == 1 ? name : "\(name) (\(part))", columnWidths: widths,
                                          frozenRows: headerRows)
        try header(sheet, workbook)
        current = sheet
    }

    /// The sheet to write `count` rows that belong together (one report's) to: the current one, or a new one
    /// when they don't fit.
    func sheet(for count: Int, in workbook: XLSXWorkbook) throws -> XLSXSheet {
        if current == nil { try start(in: workbook) }
        if let sheet = current, !workbook.hasRoom(in: sheet, for: count) {
            try workbook.sheet(sheet).finish()
            part += 1
            try start(in: workbook)
        }
        return workbook.sheet(current!)
    }

    /// Appends rows that belong together, moving to a new sheet first if they don't fit.
    func append(_ rows: [[XLSXCell]], in workbook: XLSXWorkbook) throws {
        guard !rows.isEmpty else { return }
        let sheet = try sheet(for: rows.count, in: workbook)
        for row in rows { try sheet.append(row) }
    }
}
