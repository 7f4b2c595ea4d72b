@testable import ReportValidation
import Testing

@Suite("NarrativeText and NarrativeReader: what the narrative rules read")
struct NarrativeReaderTests {
    @Test("the reader's literal scalars are the first scalars of its phrases")
    func literals() {
        #expect(NarrativeReader.application == [NarrativeReader.shen, NarrativeReader.qing])
        #expect(NarrativeReader.nextYear == [[NarrativeReader.xia, NarrativeReader.yi, NarrativeReader.nian],
                                             [NarrativeReader.xia, NarrativeReader.nian]])
        let heads = Set(NarrativeReader.quantifiers.map { $0[0] })
        #expect(heads == [NarrativeReader.yiJing, NarrativeReader.quan, NarrativeReader.jun, NarrativeReader.dou])
    }

    @Test("blanks and line breaks are dropped, digits stay apart, an empty line ends a sentence")
    func text() {
        let text = NarrativeText("受理申\n请 1 2 件\r\n\r\n　本年度１２件\tend")
        #expect(text.scalars.contains(0x2029))
        #expect(text.text(0..<text.count) == "受理申请1 2件 本年度12件end")
    }

    @Test func numbers() {
        let text = NarrativeText("共3,119件，另12,34件")
        #expect(text.number(at: 1)?.value == 3119)
        #expect(text.number(at: 1)?.end == 6)
        #expect(text.number(at: 2) == nil)  // inside a number
        #expect(text.number(at: 9)?.value == 12)  // "12,34": not a thousands separator
    }

    @Test func claims() {
        let reader = NarrativeReader(NarrativeText(
            "2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。"))
        #expect(reader.newApplications().map(\.value) == [3119])
        #expect(reader.carriedForward().map(\.value) == [103])
        #expect(reader.allHandled() == nil)
    }

    @Test("a heading on the line before is not part of the quoted sentence")
    func paragraphs() {
        let reader = NarrativeReader(NarrativeText("（二）依申请公开情况\n\n2020年我办未收到相关申请。"))
        #expect(reader.newApplications() == [NarrativeReader.Claim(value: 0, quote: "2020年我办未收到相关申请")])
    }
}
