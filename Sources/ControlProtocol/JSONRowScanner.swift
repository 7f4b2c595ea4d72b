/// Reads the lines the `rows` export writes (JSON arrays of scalars) without Codable: hands each element to a
/// callback as it goes. Strings without escapes are handed over in place; others are unescaped into a
/// buffer the scanner keeps, so a line costs no allocation.
public struct JSONRowScanner {
    /// One element of an array; the bytes are valid only during the callback.
    public enum Element {
        case null
        case bool(Bool)
        /// A number as written (`73`, `-1`, `12.5`, `1e+20`).
        case number(UnsafeRawBufferPointer)
        /// A string's UTF-8 bytes, unescaped.
        case string(UnsafeRawBufferPointer)
    }

    /// The line is not a JSON array of scalars.
    public struct Malformed: Error, CustomStringConvertible {
        public var offset: Int
        public init(offset: Int) { self.offset = offset }
        public var description: String { "不是 JSON 数组（第 \(offset) 字节）" }
    }

    private var scratch: [UInt8] = []

    public init() {}

    /// Calls `body` with the index and value of each element of the array in `line`.
    public mutating func scan(_ line: UnsafeRawBufferPointer,
                              _ body: (Int, Element) throws -> Void) throws {
        var i = skipSpace(line, 0)
        guard i < line.count, line[i] == UInt8(ascii: "[") else { throw Malformed(offset: i) }
        i = skipSpace(line, i + 1)
        if i < line.count, line[i] == UInt8(ascii: "]") { return }
        var index = 0
        while true {
            guard i < line.count else { throw Malformed(offset: i) }
            switch line[i] {
            case UInt8(ascii: "\""):
                i = try string(line, from: i + 1) { try body(index, .string($0)) }
            case UInt8(ascii: "n"):
                try expect(line, i, "null")
                try body(index, .null)
                i += 4
            case UInt8(ascii: "t"):
                try expect(line, i, "true")
                try body(index, .bool(true))
                i += 4
            case UInt8(ascii: "f"):
                try expect(line, i, "false")
                try body(index, .bool(false))
                i += 5
            default:
                let start = i
                while i < line.count, Self.isNumberByte(line[i]) { i += 1 }
                guard i > start else { throw Malformed(offset: i) }
                try body(index, .number(UnsafeRawBufferPointer(rebasing: line[start..<i])))
            }
            index += 1
            i = skipSpace(line, i)
            guard i < line.count else { throw Malformed(offset: i) }
            if line[i] == UInt8(ascii: ",") {
                i = skipSpace(line, i + 1)
            } else if line[i] == UInt8(ascii: "]") {
                return
            } else {
                throw Malformed(offset: i)
            }
        }
    }

    /// A number element as an integer, when it is written as one and fits in 64 bits.
    public static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        guard i < bytes.count else { return nil }
        // Accumulated negative, so that Int64.min fits too.
        var value: Int64 = 0
        while i < bytes.count {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            if value > Int64.min / 10 || (value == Int64.min / 10 && Int64(digit) <= -(Int64.min % 10)) {
                value = value * 10 - Int64(digit)
            } else {
                return nil
            }
            i += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// A number element as a double.
    public static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let integer = integer(bytes) { return Double(integer) }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private func skipSpace(_ line: UnsafeRawBufferPointer, _ from: Int) -> Int {
        var i = from
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0A || line[i] == 0x0D { i += 1 }
        return i
    }

    private func expect(_ line: UnsafeRawBufferPointer, _ at: Int, _ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard at + count <= line.count else { throw Malformed(offset: at) }
        for k in 0..<count where line[at + k] != word.utf8Start[k] { throw Malformed(offset: at + k) }
    }

    /// Reads a string starting after its opening quote; returns the index after the closing quote.
    private mutating func string(_ line: UnsafeRawBufferPointer, from start: Int,
                                 _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var i = start
        while i < line.count, line[i] != UInt8(ascii: "\""), line[i] != UInt8(ascii: "\\"), line[i] >= 0x20 { i += 1 }
        guard i < line.count else { throw Malformed(offset: i) }
        if line[i] == UInt8(ascii: "\"") {
            try body(UnsafeRawBufferPointer(rebasing: line[start..<i]))
            return i + 1
        }
        scratch.removeAll(keepingCapacity: true)
        guard let end = JSONStringBody.unescape(line, from: start, into: &scratch) else { throw Malformed(offset: i) }
        try scratch.withUnsafeBytes { try body($0) }
        return end
    }
}
