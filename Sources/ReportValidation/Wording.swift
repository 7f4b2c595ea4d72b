import ReportModel

/// The words findings use for tables, sections and numbers.
enum Wording {
    /// 表二, 表三, 表四.
    static func table(_ id: TableID) -> String {
        switch id {
        case .t2: "表二"
        case .t3: "表三"
        case .t4: "表四"
        }
    }

    /// The section by its official heading, quoted: “五、存在的主要问题及改进情况”部分.
    static func section(_ key: SectionKey) -> String {
        "“\(key.officialHeading)”部分"
    }

    /// A number as a person writes it: no trailing ".0", no exponent.
    static func number(_ value: Double) -> String {
        CellValue.of(value).description
    }

    /// A template by its year and notice: 2019年版格式（国办公开办函〔2019〕60号）.
    static func template(_ id: TemplateID) -> String {
        switch id {
        case .gov2019: "2019年版格式（国办公开办函〔2019〕60号）"
        case .gov2021: "2021年版格式（国办公开办函〔2021〕30号）"
        case .legacy: "2019年以前的格式"
        }
    }
}

extension CellValue {
    /// The value of a sum: an integer when it is whole, else a decimal.
    static func of(_ value: Double) -> CellValue {
        if value.rounded() == value, abs(value) < 9e15 { return .integer(Int64(value)) }
        return .decimal(value)
    }
}
