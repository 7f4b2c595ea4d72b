/// Which national layout a report follows.
public enum TemplateID: String, Sendable, Hashable, Codable, CaseIterable {
    /// 国办公开办函〔2019〕60号, for report years 2019 and 2020.
    case gov2019
    /// 国办公开办函〔2021〕30号, for report years 2021 onward.
    case gov2021
    /// A pre-2019 report (2008–2018 layouts): recognised, tables not extracted.
    case legacy

    /// The report years this layout was issued for, or nil for legacy.
    public var intendedYears: ClosedRange<Int>? {
        switch self {
        case .gov2019: 2019...2020
        case .gov2021: 2021...9999
        case .legacy: nil
        }
    }
}
