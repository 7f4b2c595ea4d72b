public import Foundation
public import ReportModel
import ReportStore

/// Lays reports out as a workbook people open in Excel or WPS: one sheet per statistical table, laid out
/// like the official table (merged header cells, the printed labels); a wide sheet with one row per report
/// and every canonical cell as a column; and a sheet of findings. Reports are added one at a time and their
/// rows compressed as they go, so memory stays flat however many there are.
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

    /// The flat names (`t3.new.total`) of the canonical cells a ``WorkbookReport`` carries, in order.
    public static let cellColumns: [String] = CanonicalColumn.all.map(\.flatName)

    /// Where each canonical cell sits in ``WorkbookReport/cells``, by flat name.
    private static let cellIndex: [String: Int] = Dictionary(uniqueKeysWithValues: cellColumns.enumerated().map { ($1, $0) })

    /// One printed row of a table sheet: its label and, per column, the index of its cell (-1: left empty).
    private struct LayoutRow {
        var label: String
        var cells: [Int]
    }

    private static func index(_ table: TableID, _ row: String, _ column: String) -> Int {
        cellIndex["\(table.rawValue).\(row).\(column)"] ?? -1
    }

    /// The t2 sheet's rows for each template.
    private static let proactiveLayout: [TemplateID: [LayoutRow]] = Dictionary(uniqueKeysWithValues:
        [ReportTemplate.gov2019, .gov2021].map { template in
            (template.id, template.t2.rows.map { row in
                LayoutRow(label: row.label, cells: proactiveColumns.map {
                    row.column($0.key) == nil ? -1 : index(.t2, row.key, $0.key)
                })
            })
        })

    /// The t3 sheet's rows for each template.
    private static let applicationLayout: [TemplateID: [LayoutRow]] = Dictionary(uniqueKeysWithValues:
        [ReportTemplate.gov2019, .gov2021].map { template in
            (template.id, template.t3.rows.map { row in
                LayoutRow(label: row.label, cells: ApplicationTable.columns.map { index(.t3, row.key, $0.key) })
            })
        })

    /// The t4 sheet's one row per report: every row's columns side by side.
    private static let reviewLayout: [Int] = ReviewLitigationTable.definition.rows.flatMap { row in
        ReviewLitigationTable.columns.map { index(.t4, row.key, $0.key) }
    }

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
        try add(Self.workbookReport(report))
    }

    /// Adds one report, already laid out as cells, to every sheet.
    public func add(_ report: WorkbookReport) throws {
        precondition(report.cells.count == Self.cellColumns.count, "a WorkbookReport has one cell per canonical column")
        let body = text(report.body)
        let sheet = try wide.sheet(for: 1, in: workbook)
        sheet.beginRow()
        identity(body, report.year, on: sheet)
        sheet.write(.shared(report.template))
        sheet.write(.shared(report.status))
        sheet.write(.text(report.file))
        for cell in report.cells { sheet.write(cell) }
        try sheet.endRow()

        if let template = report.template.flatMap(TemplateID.init(rawValue:)) {
            if report.tables.contains(.t2), let rows = Self.proactiveLayout[template] {
                try tableRows(rows, labels: &proactiveLabels, series: proactive, body: body, report: report)
            }
            if report.tables.contains(.t3), let rows = Self.applicationLayout[template] {
                try tableRows(rows, labels: &applicationLabels, series: applications, body: body, report: report)
            }
        }
        if report.tables.contains(.t4) {
            let sheet = try reviews.sheet(for: 1, in: workbook)
            sheet.beginRow()
            identity(body, report.year, on: sheet)
            for index in Self.reviewLayout { index < 0 ? sheet.skip() : sheet.write(report.cells[index]) }
            try sheet.endRow()
        }
        if !report.findings.isEmpty {
            let sheet = try findings.sheet(for: report.findings.count, in: workbook)
            for finding in report.findings {
                sheet.beginRow()
                identity(body, report.year, on: sheet)
                sheet.write(.shared(finding.rule))
                sheet.write(.shared(finding.severity))
                sheet.write(.shared(Self.place(section: finding.section, table: finding.table, row: finding.row,
                                               column: finding.column)))
                sheet.write(.shared(finding.message))
                sheet.write(.number(finding.expected))
                sheet.write(.number(finding.actual))
                sheet.write(.text(finding.fingerprint))
                try sheet.endRow()
            }
        }
    }

    /// Writes the workbook to `url`, which must not exist yet.
    public func write(to url: URL) throws {
        try workbook.write(to: url)
    }

    /// Writes the workbook's bytes to `output` (a file or standard output), front to back.
    public func write(to output: FileOutput) throws {
        try workbook.write(to: output)
    }

    // MARK: - Rows

    /// Text resolved once per report: its shared-string index, or the text itself when the table is full.
    private enum TextRef {
        case none
        case shared(Int)
        case inline(String)
    }

    private var proactiveLabels: [TemplateID: [TextRef]] = [:]
    private var applicationLabels: [TemplateID: [TextRef]] = [:]

    private func text(_ value: String?) -> TextRef {
        guard let value, !value.isEmpty else { return .none }
        return workbook.sharedStrings.index(of: value).map(TextRef.shared) ?? .inline(value)
    }

    private func write(_ text: TextRef, on sheet: XLSXSheet) {
        switch text {
        case .none: sheet.skip()
        case .shared(let index): sheet.sharedIndex(index)
        case .inline(let value): sheet.inline(value)
        }
    }

    /// The first two cells of every row: the body and the year.
    private func identity(_ body: TextRef, _ year: Int?, on sheet: XLSXSheet) {
        write(body, on: sheet)
        if let year { sheet.number(Double(year)) } else { sheet.skip() }
    }

    /// A report's rows on a table sheet, laid out like the printed table.
    private func tableRows(_ rows: [LayoutRow], labels: inout [TemplateID: [TextRef]], series: SheetSeries,
                           body: TextRef, report: WorkbookReport) throws {
        let template = TemplateID(rawValue: report.template ?? "")!
        if labels[template] == nil { labels[template] = rows.map { text($0.label) } }
        let rowLabels = labels[template]!
        let sheet = try series.sheet(for: rows.count, in: workbook)
        for (row, label) in zip(rows, rowLabels) {
            sheet.beginRow()
            identity(body, report.year, on: sheet)
            write(label, on: sheet)
            for index in row.cells { index < 0 ? sheet.skip() : sheet.write(report.cells[index]) }
            try sheet.endRow()
        }
    }

    // MARK: - Cells

    /// A report laid out as cells: every canonical cell, the tables it has, its findings.
    static func workbookReport(_ report: Report) -> WorkbookReport {
        WorkbookReport(
            body: report.body, year: report.year, template: report.template?.rawValue, status: report.status.rawValue,
            file: report.file,
            cells: CanonicalColumn.all.map { cell(report.tables[$0.table]?[$0.row, $0.column]) },
            tables: Set(report.tables.keys),
            findings: report.findings.map { finding in
                WorkbookFinding(rule: finding.rule, severity: finding.severity.rawValue, message: finding.message,
                                section: finding.location.section?.rawValue, table: finding.location.table?.rawValue,
                                row: finding.location.row, column: finding.location.column,
                                expected: finding.expected?.doubleValue, actual: finding.actual?.doubleValue,
                                fingerprint: finding.fingerprint)
            })
    }

    /// A table cell: its number when it has one, otherwise what was printed ('—', '/'), otherwise empty.
    private static func cell(_ cell: Cell?) -> XLSXCell {
        guard let cell else { return .empty }
        if let value = cell.value { return .number(value.doubleValue) }
        return printed(cell.raw)
    }

    /// A cell without a number: what was printed, trimmed; empty when nothing was.
    public static func printed(_ raw: String) -> XLSXCell {
        .text(raw.trimmingCharacters(in: .whitespaces))
    }

    /// Where a finding applies, as a person names it: 表三 / 予以公开 / 自然人.
    public static func place(section: String?, table: String?, row: String?, column: String?) -> String {
        var parts: [String] = []
        if let table {
            parts.append(TableID(rawValue: table)?.displayName ?? table)
        } else if let section {
            parts.append(section)
        }
        if let row { parts.append(row) }
        if let column { parts.append(column) }
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
