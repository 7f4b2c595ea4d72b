@testable import ReportParsing
import Testing

@Suite("Packed names")
struct PackedNameTests {
    @Test("lower-casing eight bytes at a time changes exactly A to Z, for every byte value")
    func lowercasing() {
        for c in 0...255 {
            let word = UInt64(c) << 24 | 0x41_5A_7A_00_C3_40_5B_61
            let lowered = PackedName.lowercased(word)
            for k in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                let expected = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                #expect(UInt8(truncatingIfNeeded: lowered >> (8 * UInt64(k))) == expected, "byte \(c)")
            }
        }
    }

    @Test("loading names near the end of a buffer and in its middle packs the same")
    func loading() {
        let bytes = Array("w:tbl w:gridBefore w:noBreakHyphen p".utf8)
        bytes.withUnsafeBufferPointer { b in
            for start in 0..<b.count {
                for count in 0...min(PackedName.capacity, b.count - start) {
                    let loaded = PackedName(loading: b, at: start, count: count)
                    var expected = PackedName(lo: 0, hi: 0)
                    for k in 0..<count {
                        if k < 8 { expected.lo |= UInt64(b[start + k]) << (8 * UInt64(k)) }
                        else { expected.hi |= UInt64(b[start + k]) << (8 * UInt64(k - 8)) }
                    }
                    #expect(loaded == expected, "at \(start), \(count) bytes")
                }
            }
        }
    }

    @Test("a table finds its names, and no name of another length or with a NUL byte")
    func table() {
        let table = PackedNameTable<Int>([("p", 1), ("tbl", 2), ("gridBefore", 3), ("noBreakHyphen", 4)])
        func look(_ name: [UInt8]) -> Int? {
            name.withUnsafeBufferPointer { table.value(PackedName(loading: $0, at: 0, count: $0.count), count: $0.count) }
        }
        #expect(look(Array("p".utf8)) == 1)
        #expect(look(Array("tbl".utf8)) == 2)
        #expect(look(Array("gridBefore".utf8)) == 3)
        #expect(look(Array("noBreakHyphen".utf8)) == 4)
        #expect(look(Array("tb".utf8)) == nil)
        #expect(look(Array("Tbl".utf8)) == nil)
        #expect(look([0x70, 0x00]) == nil)
        #expect(look([0x00]) == nil)
        #expect(table.value(PackedName("tbl")!) == 2)
    }

    @Test("HTML tag names are matched in any case and told apart by length")
    func tagNames() {
        func kind(_ name: String) -> HTMLTagName.Kind {
            let bytes = Array(name.utf8)
            return bytes.withUnsafeBufferPointer { HTMLTagName($0, 0..<$0.count).kind }
        }
        #expect(kind("TABLE") == .table)
        #expect(kind("Td") == .cell)
        #expect(kind("tbody") == .other)
        #expect(kind("BlockQuote") == .block)
        #expect(kind("script") == .skippedContent)
        #expect(kind("p\u{0}") == .other)
        #expect(kind("a-very-long-custom-element") == .other)
    }
}
