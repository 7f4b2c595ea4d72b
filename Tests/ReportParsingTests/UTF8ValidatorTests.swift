@testable import ReportParsing
import Testing

@Suite("UTF-8 validator")
struct UTF8ValidatorTests {
    func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Validator.isValid)
    }

    @Test("agrees with the standard library on the edges of table 3-7")
    func edges() {
        let cases: [[UInt8]] = [
            [], Array("政府信息公开 annual report 2021".utf8), [0x7F], [0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0xE4, 0xB8, 0x41], Array("abcdefgh".utf8) + [0xE4, 0xB8, 0xAD],
            Array("abcdefghijklmnop".utf8) + [0xFF] + Array("abcdefgh".utf8),
        ]
        for bytes in cases {
            #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test("agrees with the standard library on random bytes near valid text")
    func random() {
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let text = Array("报告 report 第二十条（一）项 ¥100 🙂 abcdefghij".utf8)
        for _ in 0..<5_000 {
            var bytes = Array(text.prefix(next() % (text.count + 1)))
            for _ in 0..<(next() % 3) where !bytes.isEmpty { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
