import ReportModel
@testable import ReportParsing
import Testing

@Suite("text builder")
struct TextBuilderTests {
    @Test("literals, strings, integers, cell values and scalars are written as the String would print them")
    func writes() {
        var m = TextBuilder()
        m.append("表三“")
        m.append(text: "申请")
        m.append(0)
        m.append(" ")
        m.append(Int64(120_034))
        m.append(" ")
        m.append(-5)
        m.append(" ")
        m.append(CellValue.decimal(6.8178))
        m.append(scalars: Array("政务 a\t𠀀".unicodeScalars)[...])
        #expect(m.string == "表三“申请0 120034 -5 6.8178政务 a\t𠀀")
    }

    @Test("reset empties the buffer for the next message")
    func reset() {
        var m = TextBuilder()
        m.append("旧的")
        m.reset()
        m.append("新")
        #expect(m.string == "新")
    }
}
