import Testing
@testable import ReportValidation

@Suite("NarrativeText")
struct NarrativeTextTests {
    @Test("hasCJK(atLeast:in:) agrees with cjkCount of the prepared text")
    func cjkThreshold() {
        let texts = ["", "无", "无。\n\n暂无。", "本年度 未发现 明显问题，1 2 3", "𠀀𠀁豈 abc 一二三四五六七八九十",
                     String(repeating: "问题及改进", count: 4)]
        for text in texts {
            let count = NarrativeText(text).cjkCount
            for threshold in [1, 3, 14, 15, 16] {
                #expect(NarrativeText.hasCJK(atLeast: threshold, in: text) == (count >= threshold))
            }
        }
    }
}
