/// The six statutory sections of a report, in order.
public enum SectionKey: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case s1, s2, s3, s4, s5, s6

    /// The official heading.
    public var officialHeading: String {
        switch self {
        case .s1: "一、总体情况"
        case .s2: "二、主动公开政府信息情况"
        case .s3: "三、收到和处理政府信息公开申请情况"
        case .s4: "四、政府信息公开行政复议、行政诉讼情况"
        case .s5: "五、存在的主要问题及改进情况"
        case .s6: "六、其他需要报告的事项"
        }
    }

    public static func < (lhs: SectionKey, rhs: SectionKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One section as printed: its heading line and its text.
public struct Section: Sendable, Hashable, Codable {
    public var heading: String
    public var text: String

    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }
}
