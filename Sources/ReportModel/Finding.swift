/// One thing a person should know about a report: which rule, how bad, where, and why in plain Chinese.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: FindingLocation
    /// For arithmetic rules: what the identity requires.
    public var expected: CellValue?
    /// For arithmetic rules: what the document prints.
    public var actual: CellValue?
    /// Stable across re-processing: derived from the rule and the canonical location only.
    public var fingerprint: String

    public init(rule: String, severity: Severity, message: String, location: FindingLocation = FindingLocation(),
                expected: CellValue? = nil, actual: CellValue? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.expected = expected
        self.actual = actual
        self.fingerprint = Fingerprint.of(rule: rule, location: location)
    }

    public static func error(_ rule: String, _ message: String, at location: FindingLocation = FindingLocation(),
                             expected: CellValue? = nil, actual: CellValue? = nil) -> Finding {
        Finding(rule: rule, severity: .error, message: message, location: location, expected: expected, actual: actual)
    }

    public static func warning(_ rule: String, _ message: String, at location: FindingLocation = FindingLocation(),
                               expected: CellValue? = nil, actual: CellValue? = nil) -> Finding {
        Finding(rule: rule, severity: .warning, message: message, location: location, expected: expected, actual: actual)
    }

    public static func info(_ rule: String, _ message: String, at location: FindingLocation = FindingLocation(),
                            expected: CellValue? = nil, actual: CellValue? = nil) -> Finding {
        Finding(rule: rule, severity: .info, message: message, location: location, expected: expected, actual: actual)
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity, message, location, expected, actual, fingerprint
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(String.self, forKey: .rule)
        severity = try c.decode(Severity.self, forKey: .severity)
        message = try c.decode(String.self, forKey: .message)
        location = try c.decodeIfPresent(FindingLocation.self, forKey: .location) ?? FindingLocation()
        expected = try c.decodeIfPresent(CellValue.self, forKey: .expected)
        actual = try c.decodeIfPresent(CellValue.self, forKey: .actual)
        fingerprint = try c.decodeIfPresent(String.self, forKey: .fingerprint)
            ?? Fingerprint.of(rule: rule, location: location)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        try c.encode(location, forKey: .location)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(actual, forKey: .actual)
        try c.encode(fingerprint, forKey: .fingerprint)
    }
}
