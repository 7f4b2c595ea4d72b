import ReportModel

/// A reusable byte buffer a finding's message or quote is written into before it becomes a `String`: literals are
/// copied from their static bytes and scalars encoded in place, so writing a message costs one `String` at the end.
struct MessageBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) {
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

    /// Appends an integer in decimal, as `String(n)` writes it.
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

    /// The text written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
