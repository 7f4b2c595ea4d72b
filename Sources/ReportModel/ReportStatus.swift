/// The overall verdict on one input file.
public enum ReportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No errors, no warnings.
    case valid
    /// Warnings, no errors.
    case warnings
    /// At least one error.
    case invalid
    /// Not a report whose tables can be read (not a report, undecodable, legacy layout).
    case rejected

    /// The status a set of findings implies for a report that was read.
    public static func from(_ findings: [Finding]) -> ReportStatus {
        if findings.contains(where: { $0.severity == .error }) { return .invalid }
        if findings.contains(where: { $0.severity == .warning }) { return .warnings }
        return .valid
    }

    /// The word an office worker reads.
    public var displayName: String {
        switch self {
        case .valid: "通过"
        case .warnings: "有警告"
        case .invalid: "有错误"
        case .rejected: "无法读取"
        }
    }
}
