/// What kind of thing a table cell holds; an empty cell is not the same as 0.
public enum CellKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A number other than zero.
    case number
    /// The number zero.
    case zero
    /// Printed blank (nothing, or only spaces / `&nbsp;`).
    case empty
    /// A "not applicable" marker: '/', '-', '—', '无', '不适用'.
    case na
    /// Anything else.
    case text
    /// The document does not have this cell at all (the layout lost it).
    case missing
}

/// One table cell: what was printed and what it means.
public struct Cell: Sendable, Hashable, Codable {
    /// The printed text, trimmed; never normalised.
    public var raw: String
    public var kind: CellKind
    /// The number, or nil when the cell holds none.
    public var value: CellValue?
    /// A unit printed inside the cell (元, 万元, 件), or nil.
    public var unit: String?
    /// True when `value` was not printed but derived from an identity; always with a finding.
    public var inferred: Bool

    public init(raw: String, kind: CellKind, value: CellValue? = nil, unit: String? = nil, inferred: Bool = false) {
        self.raw = raw
        self.kind = kind
        self.value = value
        self.unit = unit
        self.inferred = inferred
    }

    /// A cell the document does not have.
    public static let missing = Cell(raw: "", kind: .missing)

    /// A cell whose value was derived from the table's identities, not printed.
    public static func inferred(_ value: CellValue) -> Cell {
        let isZero = value.doubleValue == 0
        return Cell(raw: "", kind: isZero ? .zero : .number, value: value, inferred: true)
    }

    /// True when the cell carries a usable number.
    public var hasValue: Bool { value != nil }

    enum CodingKeys: String, CodingKey {
        case raw, kind, value, unit, inferred
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        raw = try c.decodeIfPresent(String.self, forKey: .raw) ?? ""
        kind = try c.decode(CellKind.self, forKey: .kind)
        value = try c.decodeIfPresent(CellValue.self, forKey: .value)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        inferred = try c.decodeIfPresent(Bool.self, forKey: .inferred) ?? false
    }

    /// Encodes `raw`, `kind` and `value` (null when absent); `unit` and `inferred` only when they say something.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(raw, forKey: .raw)
        try c.encode(kind, forKey: .kind)
        if let value { try c.encode(value, forKey: .value) } else { try c.encodeNil(forKey: .value) }
        if let unit { try c.encode(unit, forKey: .unit) }
        if inferred { try c.encode(true, forKey: .inferred) }
    }
}
