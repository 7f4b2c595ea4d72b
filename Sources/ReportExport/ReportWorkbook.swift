public import Foundation
public import ReportModel
import ReportStore

/// Lays reports out as a workbook people open in Excel or WPS: one sheet per statistical table, laid out
/// like the official table (merged header cells, the printed labels); a wide sheet with one row per report
/// and every canonical cell as a column; and a sheet of findings. Reports are added one at a time and
/// written straight to disk, so memory stays flat however many there are.
public final class ReportWorkbook {
    private let workbook: XLSXWorkbook
    private var wide: SheetSeries
    private var proactive: SheetSeries
    private var applications: SheetSeries
    private var reviews: SheetSeries
    private var findings: SheetSeries

    /// The t2 columns of both templates, in printed order, once each.
    private static let proactiveColumns: [ColumnDefinition] = {
        var seen: Set<String> = []
        var out: [ColumnDefinition] = []
        for template in [ReportTemplate.gov2021, .gov2019] {
            for row in template.t2.rows {
                for column in row.columns where seen.insert(column.key).inserted { out.append(column) }
            }
        }
        return out
    }()

    private static let identity = ["机关", "年度"]

    public init(temporaryDirectory: URL = FileManager.default.temporaryDirectory) throws {
        workbook = try XLSXWorkbook(temporaryDirectory: temporaryDirectory)
        wide = SheetSeries(name: "汇总", widths: [28, 8, 10, 10, 24] + CanonicalColumn.all.map { _ in 12 },
                           headerRows: 2, header: Self.wideHeader)
        proactive = SheetSeries(name: "表二 主动公开", widths: [28, 8, 30] + Self.proactiveColumns.map { _ in 14 },
                                headerRows: 1, header: Self.proactiveHeader)
        applications = SheetSeries(name: "表三 依申请公开", widths: [28, 8, 44] + ApplicationTable.columns.map { _ in 12 },
                                   headerRows: 3, header: Self.applicationHeader)
        reviews = SheetSeries(name: "表四 复议诉讼", widths: [28, 8] + Array(repeating: 10, count: 15),
                              headerRows: 3, header: Self.reviewHeader)
        findings = SheetSeries(name: "问题", widths: [28, 8, 24, 8, 30, 70, 10, 10, 18], headerRows: 1,
                               header: Self.findingHeader)
        // Sheets are created in this order, so the workbook opens on the summary.
        for series in [wide, proactive, applications, reviews, findings] { try series.start(in: workbook) }
    }

    /// Adds one report (its tables and findings) to every sheet.
    public func add(_ report: Report) throws {
        let body = XLSXCell.text(report.body)
        let year = XLSXCell.number(report.year.map(Double.init))

        var row: [XLSXCell] = [body, year, .text(report.template?.rawValue), .text(report.status.rawValue),
                               .text(report.file)]
        for column in CanonicalColumn.all {
            row.append(Self.cell(report.tables[column.table]?[column.row, column.column]))
        }
        try wide.append([row], in: workbook)

        if let definition = report.definition {
            if let table = report.tables[.t2] {
                let rows = definition.t2.rows.map { definitionRow in
                    [body, year, XLSXCell.text(definitionRow.label)] + Self.proactiveColumns.map { column in
                        definitionRow.column(column.key) == nil ? .empty : Self.cell(table[definitionRow.key, column.key])
                    }
                }
                try proactive.append(rows, in: workbook)
            }
            if let table = report.tables[.t3] {
                let rows = definition.t3.rows.map { definitionRow in
                    [body, year, XLSXCell.text(definitionRow.label)]
                        + ApplicationTable.columns.map { Self.cell(table[definitionRow.key, $0.key]) }
                }
                try applications.append(rows, in: workbook)
            }
        }
        if let table = report.tables[.t4] {
            var cells = [body, year]
            for definitionRow in ReviewLitigationTable.definition.rows {
                cells += ReviewLitigationTable.columns.map { Self.cell(table[definitionRow.key, $0.key]) }
            }
            try reviews.append([cells], in: workbook)
        }
        let findingRows = report.findings.map { finding in
            [body, year, XLSXCell.text(finding.rule), .text(finding.severity.rawValue),
             .text(Self.place(finding.location)), .text(finding.message), Self.number(finding.expected),
             Self.number(finding.actual), .text(finding.fingerprint)]
        }
        try findings.append(findingRows, in: workbook)
    }

    /// Writes the workbook to `url`, which must not exist yet.
    public func write(to url: URL) throws {
        try workbook.write(to: url)
    }

    // MARK: - Cells

    /// A table cell: its number when it has one, otherwise what was printed ('—', '/'), otherwise empty.
    private static func cell(_ cell: Cell?) -> XLSXCell {
        guard let cell else { return .empty }
        if let value = cell.value { return .number(value.doubleValue) }
        return .text(cell.raw.trimmingCharacters(in: .whitespaces))
    }

    private static func number(_ value: CellValue?) -> XLSXCell {
        .number(value?.doubleValue)
    }

    /// Where a finding applies, as a person names it: 表三 / 予以公开 / 自然人.
    private static func place(_ location: FindingLocation) -> String {
        var parts: [String] = []
        if let table = location.table {
            parts.append(table.displayName)
        } else if let section = location.section {
            parts.append(section.rawValue)
        }
        if let row = location.row { parts.append(row) }
        if let column = location.column { parts.append(column) }
        return parts.joined(separator: " / ")
    }

    // MARK: - Headers

    private static func wideHeader(_ sheet: XLSXWorkbook.SheetID, _ workbook: XLSXWorkbook) throws {
        let fixed = ["机关", "年度", "模板", "状态", "文件"]
        var labels = fixed.map(XLSXCell.header)
        var keys = ["body", "year", "template", "status", "file"].map(XLSXCell.header)
        for column in CanonicalColumn.all {
            labels.append(.header(column.printedLabel))
            keys.append(.header(column.flatName))
        }
        try workbook.append(labels, to: sheet)
        try workbook.append(keys, to: sheet)
    }

    private static func proactiveHeader(_ sheet: XLSXWorkbook.SheetID, _ workbook: XLSXWorkbook) throws {
        try workbook.append((identity + ["信息内容"] + proactiveColumns.map(\.label)).map(XLSXCell.header), to: sheet)
    }

    private static func applicationHeader(_ sheet: XLSXWorkbook.SheetID, _ workbook: XLSXWorkbook) throws {
        let base = workbook.rowCount(of: sheet)
        let labels = ApplicationTable.columns.map(\.label)
        try workbook.append((identity + ["项目", "申请人情况"]).map(XLSXCell.header)
                            + Array(repeating: .header(""), count: 6), to: sheet)
        try workbook.append(Array(repeating: .header(""), count: 3)
                            + [.header(labels[0]), .header("法人或其他组织")] + Array(repeating: .header(""), count: 4)
                            + [.header(labels[6])], to: sheet)
        try workbook.append(Array(repeating: .header(""), count: 4) + labels[1...5].map(XLSXCell.header)
                            + [.header("")], to: sheet)
        for column in 0..<3 { workbook.merge(sheet, row: base, column: column, rows: 3) }
        workbook.merge(sheet, row: base, column: 3, columns: 7)
        workbook.merge(sheet, row: base + 1, column: 3, rows: 2)
        workbook.merge(sheet, row: base + 1, column: 4, columns: 5)
        workbook.merge(sheet, row: base + 1, column: 9, rows: 2)
    }

    private static func reviewHeader(_ sheet: XLSXWorkbook.SheetID, _ workbook: XLSXWorkbook) throws {
        let base = workbook.rowCount(of: sheet)
        let labels = ReviewLitigationTable.columns.map { XLSXCell.header($0.label) }
        let blank = XLSXCell.header("")
        try workbook.append(identity.map(XLSXCell.header) + [.header("行政复议")] + Array(repeating: blank, count: 4)
                            + [.header("行政诉讼")] + Array(repeating: blank, count: 9), to: sheet)
        try workbook.append([blank, blank] + labels + [.header("未经复议直接起诉")] + Array(repeating: blank, count: 4)
                            + [.header("复议后起诉")] + Array(repeating: blank, count: 4), to: sheet)
        try workbook.append([blank, blank] + Array(repeating: blank, count: 5) + labels + labels, to: sheet)
        for column in 0..<2 { workbook.merge(sheet, row: base, column: column, rows: 3) }
        workbook.merge(sheet, row: base, column: 2, columns: 5)
        for column in 2..<7 { workbook.merge(sheet, row: base + 1, column: column, rows: 2) }
        workbook.merge(sheet, row: base, column: 7, columns: 10)
        workbook.merge(sheet, row: base + 1, column: 7, columns: 5)
        workbook.merge(sheet, row: base + 1, column: 12, columns: 5)
    }

    private static func findingHeader(_ sheet: XLSXWorkbook.SheetID, _ workbook: XLSXWorkbook) throws {
        try workbook.append((identity + ["规则", "严重程度", "位置", "说明", "期望", "实际", "指纹"]).map(XLSXCell.header),
                            to: sheet)
    }
}
