/// A national layout as data: the three tables with every row, column and label.
public struct ReportTemplate: Sendable, Hashable {
    public let id: TemplateID
    public let t2: TableDefinition
    public let t3: TableDefinition
    public let t4: TableDefinition

    public func table(_ id: TableID) -> TableDefinition {
        switch id {
        case .t2: t2
        case .t3: t3
        case .t4: t4
        }
    }

    /// The t3 rows that are outcomes (（一）予以公开 … （六）其他处理), whose sum is （七）总计.
    public var t3OutcomeRows: [String] {
        let all = t3.rows.map(\.key)
        guard let first = all.firstIndex(of: "granted"), let last = all.firstIndex(of: "outcome_total") else { return [] }
        return Array(all[first..<last])
    }

    /// The template with this id; nil for `legacy`, which has no tables.
    public static func named(_ id: TemplateID) -> ReportTemplate? {
        switch id {
        case .gov2019: gov2019
        case .gov2021: gov2021
        case .legacy: nil
        }
    }

    /// 国办公开办函〔2019〕60号.
    public static let gov2019 = ReportTemplate(id: .gov2019, t2: Gov2019.t2, t3: ApplicationTable.make(for: .gov2019),
                                               t4: ReviewLitigationTable.definition)
    /// 国办公开办函〔2021〕30号.
    public static let gov2021 = ReportTemplate(id: .gov2021, t2: Gov2021.t2, t3: ApplicationTable.make(for: .gov2021),
                                               t4: ReviewLitigationTable.definition)
}
