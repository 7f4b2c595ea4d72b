import ReportModel

/// Builds a message or quote as UTF-8 bytes and makes one `String` at the end: appending many short pieces to a
/// `String` costs far more per piece than appending their bytes.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a string's UTF-8 bytes.
    mutating func append(_ s: String) {
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if case .none = lent { bytes.append(contentsOf: s.utf8) }
    }

    /// Appends the UTF-8 bytes of scalars.
    mutating func append(scalars: ArraySlice<Unicode.Scalar>) {
        for s in scalars { CharacterFolding.append(s, to: &bytes) }
    }

    /// Appends an integer in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        append(Int64(n))
    }

    /// Appends an integer in decimal, as `String(n)` writes it, digit by digit.
    mutating func append(_ n: Int64) {
        guard n >= 0 else { return append(String(n)) }
        var v = UInt64(n)
        if v < 10 {
            bytes.append(UInt8(truncatingIfNeeded: v) + 0x30)
            return
        }
        let start = bytes.count
        while v > 0 {
            bytes.append(UInt8(truncatingIfNeeded: v % 10) + 0x30)
            v /= 10
        }
        bytes[start...].reverse()
    }

    /// Appends a cell value as `CellValue.description` writes it.
    mutating func append(_ value: CellValue) {
        switch value {
        case .integer(let n): append(n)
        case .decimal: append(value.description)
        }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// The text built so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
