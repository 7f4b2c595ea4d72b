import Testing
@testable import ReportValidation

/// The hash set of CJK bigrams behind X-DUPLICATE-TEXT.
struct BigramSetTests {
    /// The distinct bigrams of the text's CJK characters, computed the obvious way.
    static func naive(_ text: String) -> Set<UInt64> {
        let cjk = text.unicodeScalars.map(\.value).filter(NarrativeText.isCJK)
        return Set(zip(cjk, cjk.dropFirst()).map { UInt64($0) << 32 | UInt64($1) })
    }

    static func pair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 32 | UInt64(b.value)
    }

    @Test func countsDistinctPairsAndSkipsOtherCharacters() {
        // 本年 appears twice; "2021" and the punctuation are skipped, so 年 and 本 become neighbours.
        let set = BigramSet("本年2021年，本年度")
        #expect(set.count == 4)  // 本年, 年年, 年本, 年度
        #expect(set.contains(Self.pair("本", "年")))
        #expect(set.contains(Self.pair("年", "年")))
        #expect(set.contains(Self.pair("年", "本")))
        #expect(set.contains(Self.pair("年", "度")))
        #expect(!set.contains(Self.pair("度", "本")))
    }

    @Test func emptyAndNonCJKTextsHaveNoPairs() {
        #expect(BigramSet("").count == 0)
        #expect(BigramSet("abc 123 ，。").count == 0)
        #expect(BigramSet("无").count == 0)
    }

    @Test func agreesWithTheNaiveSetOnMixedTexts() {
        let alphabet = Array("政府信息公开年度报告申请件数2021abc，。　\u{20000}\u{2A6DF}\u{F900}㐀")
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 3, 17, 64, 500, 3_000] {
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let set = BigramSet(text)
            let expected = Self.naive(text)
            #expect(set.count == expected.count, "\(text)")
            var seen = Set<UInt64>()
            set.forEach { seen.insert($0) }
            #expect(seen == expected)
            #expect(expected.allSatisfy(set.contains))
        }
    }
}
