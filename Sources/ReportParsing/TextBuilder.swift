import ReportModel

/// Builds a message or quote as UTF-8 bytes and makes one `String` at the end: appending many short pieces to a
/// `String` costs far more per piece than appending their bytes. Literals are copied from their static bytes and
/// scalars encoded in place; `reset()` lets one buffer serve many messages.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its memory.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends a literal's UTF-8 bytes.
    @inline(__always)
    mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 bytes (literals go through `append(_: StaticString)`).
    mutating func append(text s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes.
    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Appends an integer in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        append(Int64(n))
    }

    /// Appends an integer in decimal, as `String(n)` writes it, digit by digit.
    mutating func append(_ n: Int64) {
        guard n >= 0 else { return append(text: String(n)) }
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
        case .decimal: append(text: value.description)
        }
    }

    /// Appends the UTF-8 bytes of scalars, encoded straight into the buffer's memory.
    mutating func append(scalars: ArraySlice<Unicode.Scalar>) {
        var count = 0
        for s in scalars { count += CharacterFolding.utf8Length(s) }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBufferPointer { out in
            var i = start
            for s in scalars { CharacterFolding.write(s, to: out, at: &i) }
        }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// The text built so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
