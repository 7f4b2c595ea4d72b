import ReportModel

extension CanonicalColumn {
    /// `表三 予以公开 自然人`: the table, the row's and the column's printed labels (the first template that
    /// has the cell names it); the flat name for a cell no template prints.
    public var printedLabel: String {
        for template in [ReportTemplate.gov2021, .gov2019] {
            if let row = template.table(table).row(row), let definition = row.column(column) {
                return "\(table.displayName.prefix(2)) \(row.label) \(definition.label)"
            }
        }
        return flatName
    }
}
