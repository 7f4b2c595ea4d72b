/// A value bound to or read from a statement, in SQLite's five storage classes.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Text, or null when nil.
    package static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// An integer, or null when nil.
    package static func integer(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    /// 1 or 0.
    package static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
