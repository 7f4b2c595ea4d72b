/// What a column may hold.
public enum ValueType: String, Sendable, Hashable, Codable {
    /// A whole count, never negative.
    case count
    /// A whole count that may be negative (2019 `delta` 本年增/减).
    case signedCount
    /// A decimal amount in 万元.
    case amount
}
