/// The meaning of a cell: a whole count, or a decimal amount (万元).
public enum CellValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case integer(Int64)
    case decimal(Double)

    /// The value as a double, for arithmetic across kinds.
    public var doubleValue: Double {
        switch self {
        case .integer(let n): Double(n)
        case .decimal(let d): d
        }
    }

    /// The value as an integer when it is one (a decimal with no fraction counts).
    public var integerValue: Int64? {
        switch self {
        case .integer(let n): n
        case .decimal(let d): d.rounded() == d && abs(d) < 9e15 ? Int64(d) : nil
        }
    }

    public var description: String {
        switch self {
        case .integer(let n): String(n)
        case .decimal(let d): CellValue.format(d)
        }
    }

    /// Formats a decimal without a trailing ".0" and without exponent notation.
    public static func format(_ d: Double) -> String {
        if d.rounded() == d && abs(d) < 9e15 { return String(Int64(d)) }
        var s = String(d)
        if s.contains("e") { s = String(format: "%.6f", d) }
        return s
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int64.self) {
            self = .integer(n)
        } else {
            self = .decimal(try c.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .integer(let n): try c.encode(n)
        case .decimal(let d): try c.encode(d)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
