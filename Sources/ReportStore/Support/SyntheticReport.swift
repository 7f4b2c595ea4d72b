import ReportModel

/// Complete, internally consistent reports made up from a few numbers, for tests, the crash test and the
/// benchmark (package-internal; never used for real data).
package enum SyntheticReport {
    package static let defaultText = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。"

    /// A report with every cell of its template: t3 balances, totals add up, t4 blocks sum.
    ///
    /// All t3 applications are in the `natural` column (the others are 0): `new` new ones, `carriedOver` from
    /// last year, `carriedForward` left for next year, the rest granted.
    package static func make(body: String, year: Int, template: TemplateID? = nil, new: Int64 = 12,
                             carriedOver: Int64 = 2, carriedForward: Int64 = 3, inForce: Int64 = 10,
                             sectionText: String = defaultText,
                             file: String? = nil) -> Report {
        let template = template ?? (year >= 2021 ? .gov2021 : .gov2019)
        var report = Report(file: file ?? "\(body)-\(year).txt", format: "txt", encoding: "utf-8", template: template,
                            year: year, body: body, title: "\(body)\(year)年政府信息公开工作年度报告", status: .valid)
        for key in SectionKey.allCases {
            report.sections[key] = Section(heading: key.officialHeading, text: sectionText)
        }
        guard let definition = ReportTemplate.named(template) else { return report }
        for table in TableID.allCases {
            var contents = Table()
            for row in definition.table(table).rows {
                for column in row.columns {
                    contents[row.key, column.key] = cell(value(table, row.key, column, new: new, carriedOver: carriedOver,
                                                               carriedForward: carriedForward, inForce: inForce))
                }
            }
            report.tables[table] = contents
        }
        return report
    }

    /// A cell as a reader would make it from the printed number.
    package static func cell(_ value: CellValue) -> Cell {
        Cell(raw: value.description, kind: value.doubleValue == 0 ? .zero : .number, value: value)
    }

    private static func value(_ table: TableID, _ row: String, _ column: ColumnDefinition, new: Int64,
                              carriedOver: Int64, carriedForward: Int64, inForce: Int64) -> CellValue {
        if column.valueType == .amount { return .decimal(12.5) }
        switch table {
        case .t2:
            switch column.key {
            case "issued", "made", "published": return .integer(2)
            case "repealed": return .integer(1)
            case "in_force", "published_total": return .integer(inForce)
            case "delta": return .integer(-1)
            default: return .integer(7)
            }
        case .t3:
            guard column.key == "natural" || column.key == "total" else { return .integer(0) }
            switch row {
            case "new": return .integer(new)
            case "carried_over": return .integer(carriedOver)
            case "carried_forward": return .integer(carriedForward)
            case "granted", "outcome_total": return .integer(new + carriedOver - carriedForward)
            default: return .integer(0)
            }
        case .t4:
            return row == "review" && (column.key == "upheld" || column.key == "total") ? .integer(1) : .integer(0)
        }
    }
}
