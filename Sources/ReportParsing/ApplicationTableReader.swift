import ReportModel

/// Reads table 三 (收到和处理政府信息公开申请情况) from its region's lines.
enum ApplicationTableReader {
    /// The table; its findings are appended to `findings`.
    static func read(_ lines: [TableLine], keys: [Unicode.Scalar], definition: TableDefinition,
                     template: ReportTemplate, findings: inout [Finding]) -> Table {
        let matcher = template.id == .gov2019 ? gov2019Rows : gov2021Rows
        let placement = template.id == .gov2019 ? gov2019 : gov2021
        return placement.place(matcher.match(lines, keys: keys), findings: &findings)
    }

    /// Built once per template, like the placements.
    static let gov2019Rows = RowMatcher(rows: ReportTemplate.gov2019.t3.rows)
    static let gov2021Rows = RowMatcher(rows: ReportTemplate.gov2021.t3.rows)

    /// Built once per template: slot indexes and identities don't change between reports.
    static let gov2019 = CellPlacement(table: ReportTemplate.gov2019.t3,
                                       identities: identities(ReportTemplate.gov2019.t3, template: .gov2019))
    static let gov2021 = CellPlacement(table: ReportTemplate.gov2021.t3,
                                       identities: identities(ReportTemplate.gov2021.t3, template: .gov2021))

    /// Row sums, （七）总计 = sum of outcomes, and the printed 勾稽关系 per column.
    static func identities(_ definition: TableDefinition, template: ReportTemplate) -> [SumIdentity] {
        let placement = CellPlacement(table: definition, identities: [])
        var ids: [SumIdentity] = []
        for row in definition.rows {
            ids.append(SumIdentity(lhs: [placement.slot(row.key, "total")],
                                   rhs: ApplicationTable.applicantColumns.map { placement.slot(row.key, $0) }))
        }
        for column in ApplicationTable.columns.map(\.key) {
            ids.append(SumIdentity(lhs: [placement.slot("outcome_total", column)],
                                   rhs: template.t3OutcomeRows.map { placement.slot($0, column) }))
            ids.append(SumIdentity(lhs: [placement.slot("new", column), placement.slot("carried_over", column)],
                                   rhs: [placement.slot("outcome_total", column), placement.slot("carried_forward", column)]))
        }
        return ids
    }
}
