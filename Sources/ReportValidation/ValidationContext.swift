import ReportModel

/// What every rule reads: the report, its template, and the template tables' cells looked up once.
struct ValidationContext {
    let report: Report
    /// The layout the tables follow; nil for legacy and unknown layouts (then only structure rules apply).
    let template: ReportTemplate?
    /// Table 二, when its rules apply: the report has a template, is not rejected and has the table.
    let t2: TableGrid?
    /// Table 三, under the same conditions.
    let t3: TableGrid?
    /// Table 四, under the same conditions.
    let t4: TableGrid?

    init(_ report: Report) {
        self.report = report
        let template = report.definition
        self.template = template
        let layouts = report.status == .rejected ? nil : template.flatMap { TableLayout.Template.of($0.id) }
        func grid(_ id: TableID) -> TableGrid? {
            guard let layouts, let table = report.tables[id] else { return nil }
            return TableGrid(layouts.table(id), table)
        }
        t2 = grid(.t2)
        t3 = grid(.t3)
        t4 = grid(.t4)
    }

    /// True when table and narrative rules apply: the report follows a national layout and was not rejected.
    var readsTables: Bool { template != nil && report.status != .rejected }

    /// The grid of a table, if its rules apply.
    func grid(_ id: TableID) -> TableGrid? {
        switch id {
        case .t2: t2
        case .t3: t3
        case .t4: t4
        }
    }
}
