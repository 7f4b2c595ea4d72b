/// The three statistical tables of a report.
public enum TableID: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 二、主动公开政府信息情况
    case t2
    /// 三、收到和处理政府信息公开申请情况
    case t3
    /// 四、政府信息公开行政复议、行政诉讼情况
    case t4

    /// The section the table belongs to.
    public var section: SectionKey {
        switch self {
        case .t2: .s2
        case .t3: .s3
        case .t4: .s4
        }
    }

    /// The table's name as a person says it: 表二, 表三, 表四.
    public var displayName: String {
        switch self {
        case .t2: "表二（主动公开）"
        case .t3: "表三（依申请公开）"
        case .t4: "表四（行政复议、行政诉讼）"
        }
    }

    public static func < (lhs: TableID, rhs: TableID) -> Bool { lhs.rawValue < rhs.rawValue }
}
