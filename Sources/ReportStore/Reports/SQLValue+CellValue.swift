import ReportModel

extension SQLValue {
    /// An integer stays INTEGER (exact), a decimal is REAL; nil is NULL.
    init(_ value: CellValue?) {
        switch value {
        case .integer(let n): self = .integer(n)
        case .decimal(let d): self = .real(d)
        case nil: self = .null
        }
    }

    /// The cell value this column holds: INTEGER → integer, REAL → decimal, anything else → nil.
    var cellValue: CellValue? {
        switch self {
        case .integer(let n): .integer(n)
        case .real(let d): .decimal(d)
        default: nil
        }
    }
}

extension ReportStatus {
    /// How bad a status is: valid < warnings < invalid < rejected.
    var severityRank: Int {
        switch self {
        case .valid: 0
        case .warnings: 1
        case .invalid: 2
        case .rejected: 3
        }
    }

    /// This status made at least as bad as the findings added to the report afterwards require.
    func adding(_ findings: [Finding]) -> ReportStatus {
        let other = ReportStatus.from(findings)
        return other.severityRank > severityRank ? other : self
    }
}
