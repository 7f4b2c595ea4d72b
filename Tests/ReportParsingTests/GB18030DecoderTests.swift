@testable import ReportParsing
import Testing

@Suite("GB18030 table decoder")
struct GB18030DecoderTests {
    func fast(_ bytes: [UInt8]) -> (utf8: [UInt8], undecodable: Int)? {
        bytes.withUnsafeBufferPointer(GB18030Decoder.decode)
    }

    func throughIconv(_ bytes: [UInt8]) -> DecodedText? {
        TextDecoder.gb18030ThroughIconv(bytes)
    }

    @Test("every two-byte code reads as the C library's converter reads it, between ASCII bytes")
    func everyPair() throws {
        var checked = 0
        for lead in 0x81...0xFE {
            var bytes: [UInt8] = []
            for trail in 0...0xFF where !(0x30...0x39).contains(trail) {
                bytes += [UInt8(ascii: "a"), UInt8(lead), UInt8(trail), UInt8(ascii: "b")]
            }
            let table = try #require(fast(bytes), "lead \(lead)")
            let reference = try #require(throughIconv(bytes))
            #expect(String(decoding: table.utf8, as: UTF8.self) == reference.text, "lead \(lead)")
            #expect(table.undecodable == reference.undecodableBytes, "lead \(lead)")
            checked += 1
        }
        #expect(checked == 126)
    }

    @Test("lone 0x80 and 0xFF are replaced as the converter replaces them")
    func loneBytes() throws {
        for bytes: [UInt8] in [[0x41, 0x80, 0x41], [0xFF], [0x80, 0xFF, 0xD5, 0xFE]] {
            let decoded = try #require(fast(bytes), "\(bytes)")
            let reference = try #require(throughIconv(bytes))
            #expect(String(decoding: decoded.utf8, as: UTF8.self) == reference.text, "\(bytes)")
            #expect(decoded.undecodable == reference.undecodableBytes, "\(bytes)")
        }
    }

    @Test("known characters, and invalid bytes replaced one at a time")
    func knownText() throws {
        // 政府 in GBK, an invalid second byte after a lead byte, then ASCII.
        let bytes: [UInt8] = [0xD5, 0xFE, 0xB8, 0xAE, 0x81, 0x20, 0x41]
        let decoded = try #require(fast(bytes))
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == "政府\u{FFFD} A")
        #expect(decoded.undecodable == 1)
        #expect(TextDecoder.gb18030(bytes)?.text == "政府\u{FFFD} A")
    }

    @Test("what the table cannot answer exactly goes back to the converter")
    func fallsBack() {
        // A four-byte code (U+0080 is 81 30 81 30), a lead byte at the very end.
        for bytes: [UInt8] in [[0x41, 0x81, 0x30, 0x81, 0x30], [0x41, 0xD5]] {
            #expect(fast(bytes) == nil, "\(bytes)")
            #expect(TextDecoder.gb18030(bytes) == throughIconv(bytes), "\(bytes)")
        }
    }

    @Test("random mixtures of ASCII, valid codes and stray bytes match the converter")
    func randomMixtures() throws {
        var generator = SplitMix64(seed: 0x6B18030)
        var compared = 0
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) {
                switch generator.next() % 4 {
                case 0: bytes.append(UInt8(0x20 + generator.next() % 0x5F))
                case 1: bytes += [UInt8(0xB0 + generator.next() % 0x48), UInt8(0xA1 + generator.next() % 0x5E)]
                case 2: bytes += [UInt8(0x81 + generator.next() % 0x7E), UInt8(0x40 + generator.next() % 0xBF)]
                default: bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                }
            }
            let reference = throughIconv(bytes)
            if let table = fast(bytes) {
                #expect(String(decoding: table.utf8, as: UTF8.self) == reference?.text, "\(bytes)")
                #expect(table.undecodable == reference?.undecodableBytes, "\(bytes)")
                compared += 1
            }
            #expect(TextDecoder.gb18030(bytes) == reference, "\(bytes)")
        }
        #expect(compared > 500)
    }
}
