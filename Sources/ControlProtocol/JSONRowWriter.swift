import ReportModel

/// Writes JSON arrays of scalars (one per line) straight into bytes, for the `rows` export: no Codable, no
/// intermediate strings. Strings are escaped as JSON requires and otherwise left as they are.
public struct JSONRowWriter {
    /// The output so far.
    public var bytes: [UInt8] = []
    private var first = true

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts an array whose first element is `tag`.
    public mutating func begin(_ tag: StaticString) {
        bytes.append(UInt8(ascii: "["))
        first = true
        string(tag)
    }

    /// Ends the array and the line.
    public mutating func end() {
        bytes.append(UInt8(ascii: "]"))
        bytes.append(0x0A)
    }

    /// Forgets the output, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func null() {
        separate()
        bytes.append(0x6E)
        bytes.append(0x75)
        bytes.append(0x6C)
        bytes.append(0x6C)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        let word: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    public mutating func integer(_ value: Int64) {
        separate()
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + value))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// A number in its shortest round-trip form; null when it is not finite (JSON has no NaN or infinity).
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value.rounded() == value, abs(value) < 1e15 { return integer(Int64(value)) }
        separate()
        bytes.append(contentsOf: value.description.utf8)
    }

    public mutating func integer(_ value: Int?) {
        if let value { integer(Int64(value)) } else { null() }
    }

    public mutating func string(_ value: String?) {
        guard var value else { return null() }
        value.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    public mutating func string(_ value: StaticString) {
        string(UnsafeRawBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// A string given as UTF-8 bytes.
    public mutating func string(_ utf8: UnsafeRawBufferPointer) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard JSONEscape.needsEscape(byte) else { continue }
            if start < index { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start..<index])) }
            start = index + 1
            JSONEscape.appendEscape(of: byte, to: &bytes)
        }
        if start < utf8.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func separate() {
        if first {
            first = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }
}
