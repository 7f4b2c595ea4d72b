/// One cell of a worksheet row.
public enum XLSXCell: Sendable, Hashable {
    /// Nothing written at this position.
    case empty
    /// A number, written as a typed number so spreadsheets sum it.
    case number(Double)
    /// Text, kept exactly (Chinese included), written in the cell.
    case text(String)
    /// Header text, in bold with a border, centred and wrapped.
    case header(String)
    /// Text that repeats across the workbook (names, labels, messages): stored once in the shared strings
    /// and referred to by number; the same to a reader as ``text(_:)``.
    case shared(String)

    /// A cell for an optional number: empty when nil.
    public static func number(_ value: Double?) -> XLSXCell {
        value.map { .number($0) } ?? .empty
    }

    /// A cell for optional text: empty when nil or empty.
    public static func text(_ value: String?) -> XLSXCell {
        guard let value, !value.isEmpty else { return .empty }
        return .text(value)
    }

    /// A shared-string cell for optional text: empty when nil or empty.
    public static func shared(_ value: String?) -> XLSXCell {
        guard let value, !value.isEmpty else { return .empty }
        return .shared(value)
    }
}
