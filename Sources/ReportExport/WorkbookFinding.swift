/// One finding as the workbook's findings sheet shows it.
public struct WorkbookFinding: Sendable, Hashable {
    public var rule: String
    public var severity: String
    public var message: String
    /// Canonical keys of where it applies (`s3`, `t3`, `new`, `total`), or nil.
    public var section: String?
    public var table: String?
    public var row: String?
    public var column: String?
    public var expected: Double?
    public var actual: Double?
    public var fingerprint: String

    public init(rule: String, severity: String, message: String, section: String? = nil, table: String? = nil,
                row: String? = nil, column: String? = nil, expected: Double? = nil, actual: Double? = nil,
                fingerprint: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.section = section
        self.table = table
        self.row = row
        self.column = column
        self.expected = expected
        self.actual = actual
        self.fingerprint = fingerprint
    }
}
