import ControlProtocol
import Foundation
import Testing

/// The `rows` export's line writer: what it writes is JSON (read back by JSONSerialization) and reads back
/// the same through ``JSONRowScanner``.
@Suite("JSON row writer")
struct JSONRowWriterTests {
    static let strings = ["", "昆吾办", "a\"b\\c", "line\nbreak\r\ttab", "\u{01}\u{1F}", "😀 emoji", "/slash"]
    static let integers: [Int64] = [0, 7, -1, 1_000_000, Int64.max, Int64.min + 1]
    static let doubles: [Double] = [12.5, -0.25, 1e-7, 3.0]

    @Test("strings, integers, doubles, null and booleans read back exactly")
    func roundTrip() throws {
        var writer = JSONRowWriter()
        writer.begin("report")
        for text in Self.strings { writer.string(text) }
        for value in Self.integers { writer.integer(value) }
        for value in Self.doubles { writer.double(value) }
        writer.double(.nan)
        writer.string(nil as String?)
        writer.integer(nil as Int?)
        writer.bool(true)
        writer.bool(false)
        writer.end()
        #expect(writer.bytes.last == 0x0A)
        #expect(writer.bytes.filter { $0 == 0x0A }.count == 1, "one line: newlines inside strings are escaped")

        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [Any])
        #expect(parsed.first as? String == "report")
        #expect(Array(parsed[1...Self.strings.count]).map { $0 as? String } == Self.strings)
        let integerStart = 1 + Self.strings.count
        #expect(Array(parsed[integerStart..<integerStart + Self.integers.count]).map { ($0 as? NSNumber)?.int64Value }
                == Self.integers)

        var scanner = JSONRowScanner()
        var strings: [String] = []
        var integers: [Int64] = []
        var doubles: [Double] = []
        var nulls = 0
        var bools: [Bool] = []
        try writer.bytes.withUnsafeBytes { line in
            try scanner.scan(line) { index, element in
                switch element {
                case .string(let text) where index > 0: strings.append(String(decoding: text, as: UTF8.self))
                case .string: break
                case .number(let literal):
                    if let integer = JSONRowScanner.integer(literal), integers.count < Self.integers.count {
                        integers.append(integer)
                    } else {
                        doubles.append(try #require(JSONRowScanner.double(literal)))
                    }
                case .null: nulls += 1
                case .bool(let value): bools.append(value)
                }
            }
        }
        #expect(strings == Self.strings)
        #expect(integers == Self.integers)
        #expect(doubles == Self.doubles)
        #expect(nulls == 3, "NaN, a nil string and a nil integer")
        #expect(bools == [true, false])
    }

    @Test("the scanner refuses what is not an array of scalars")
    func malformed() {
        var scanner = JSONRowScanner()
        for text in ["", "{}", "[1,", "[\"open", "[1 2]", "[nul]", "[\"bad \\x escape\"]"] {
            var bytes = Array(text.utf8)
            #expect(throws: JSONRowScanner.Malformed.self, "\(text)") {
                try bytes.withUnsafeMutableBytes { try scanner.scan(UnsafeRawBufferPointer($0)) { _, _ in } }
            }
        }
    }

    @Test("escapes \\u with surrogate pairs become the characters")
    func unicodeEscapes() throws {
        var scanner = JSONRowScanner()
        var got: [String] = []
        let line = Array(#"["\u660e\u0041", "\ud83d\ude00"]"#.utf8)
        try line.withUnsafeBytes { bytes in
            try scanner.scan(bytes) { _, element in
                if case .string(let text) = element { got.append(String(decoding: text, as: UTF8.self)) }
            }
        }
        #expect(got == ["明A", "😀"])
    }
}
