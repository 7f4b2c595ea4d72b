@testable import ReportParsing
import Testing

@Suite("text decoder")
struct TextDecoderTests {
    @Test("lossy UTF-8 replaces and counts exactly as the standard decoder does, sequence by sequence")
    func lossyUTF8() {
        var generator = SplitMix64(seed: 0x75746638)
        let pieces: [[UInt8]] = [
            Array("政府信息公开".utf8), Array("ab".utf8), [0xEF, 0xBF, 0xBD], [0xE4, 0xB8], [0x80], [0xFF], [0xC0, 0xAF],
            [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xF0, 0x9F], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80],
        ]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 12) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let decoded = TextDecoder.utf8(bytes[...], name: "utf-8")
            let (text, bad) = TextDecoder.lossy(bytes, as: UTF8.self)
            #expect(decoded?.text == text, "\(bytes)")
            #expect(decoded?.undecodableBytes == bad, "\(bytes)")
        }
    }

    @Test("plausibility counts the common report characters, less damaged bytes")
    func plausibility() {
        let text = DecodedText(text: "本年度政府信息公开 abc 申请情况\u{FFFD}", encoding: "utf-8", undecodableBytes: 1)
        // 本 年 度 政 府 信 息 公 开 申 请 情 况: 13 common characters.
        #expect(TextDecoder.plausibility(text) == 13 * 4 - 1)
        #expect(TextDecoder.plausibility(DecodedText(text: "abc鍏紑", encoding: "utf-8", undecodableBytes: 0)) == 0)
    }

    @Test("Big5 text reads as Big5; GBK text of the same words stays GB18030")
    func big5() throws {
        let words = "本年度政府資訊公開工作年度報告，收到申請數量總計十件，處理情況如下"
        let big5 = try #require(iconvConvert(Array(words.utf8), from: "UTF-8", to: "BIG5-HKSCS"))
        #expect(TextDecoder.decode(big5) == DecodedText(text: words, encoding: "big5", undecodableBytes: 0))
        let simplified = "本年度政府信息公开工作年度报告，收到申请数量总计十件，处理情况如下"
        let gbk = try #require(iconvConvert(Array(simplified.utf8), from: "UTF-8", to: "GB18030"))
        #expect(TextDecoder.decode(gbk) == DecodedText(text: simplified, encoding: "gb18030", undecodableBytes: 0))
    }

    @Test("GBK without a declaration reads as GB18030; damaged UTF-8 stays UTF-8")
    func chooses() {
        let gbk: [UInt8] = [0xD5, 0xFE, 0xB8, 0xAE, 0xD0, 0xC5, 0xCF, 0xA2, 0xB9, 0xAB, 0xBF, 0xAA]  // 政府信息公开
        #expect(TextDecoder.decode(gbk) == DecodedText(text: "政府信息公开", encoding: "gb18030", undecodableBytes: 0))
        let damaged = Array("本年度政府信息公开工作年度报告".utf8) + [0xFF]
        let decoded = TextDecoder.decode(damaged)
        #expect(decoded?.encoding == "utf-8")
        #expect(decoded?.undecodableBytes == 1)
        #expect(decoded?.text == "本年度政府信息公开工作年度报告\u{FFFD}")
    }
}
