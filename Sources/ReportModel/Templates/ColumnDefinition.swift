/// One column of a template table: its canonical key, printed label and what it holds.
public struct ColumnDefinition: Sendable, Hashable {
    public let key: String
    public let label: String
    public let valueType: ValueType

    public init(_ key: String, _ label: String, _ valueType: ValueType = .count) {
        self.key = key
        self.label = label
        self.valueType = valueType
    }
}
