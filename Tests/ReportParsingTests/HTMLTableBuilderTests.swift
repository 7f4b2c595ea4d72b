import Foundation
@testable import ReportParsing
import Testing

@Suite("HTML table grids")
struct HTMLTableBuilderTests {
    /// A table from rows of cells written `text`, `text|rowspan|colspan`.
    func table(_ rows: [[String]]) -> HTMLTableBuilder {
        var t = HTMLTableBuilder()
        for row in rows {
            t.startRow()
            for cell in row {
                let parts = cell.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                t.startCell(rowspan: parts.count > 1 ? Int(parts[1])! : 1, colspan: parts.count > 2 ? Int(parts[2])! : 1)
                let bytes = Array(parts[0].utf8)
                bytes.withUnsafeBufferPointer { b in _ = t.withOpenCell { $0.append(b, 0..<b.count) } }
            }
        }
        return t
    }

    func lines(_ t: HTMLTableBuilder) -> [String] {
        String(decoding: t.render(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { $0.replacingOccurrences(of: "\t", with: "→") }
    }

    @Test("the official header of table 三: rowspan and colspan together")
    func applicationHeader() {
        let t = table([
            ["（本列数据的勾稽关系）|3|3", "申请人情况|1|7"],
            ["自然人|2|1", "法人或其他组织|1|5", "总计|2|1"],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
            ["一、本年新收|1|3", "1", "2", "3", "4", "5", "6", "21"],
        ])
        let slots = t.slots()!
        #expect(slots[2] == [.rowCovered, .columnCovered, .columnCovered, .rowCovered, .cell("商业企业"), .cell("科研机构"),
                             .cell("社会公益组织"), .cell("法律服务机构"), .cell("其他"), .rowCovered])
        #expect(slots.map(\.count) == [10, 10, 10, 10])
        #expect(lines(t) == [
            "（本列数据的勾稽关系）→申请人情况",
            "→自然人→法人或其他组织→总计",
            "→→商业企业→科研机构→社会公益组织→法律服务机构→其他→",
            "一、本年新收→1→2→3→4→5→6→21",
        ])
    }

    @Test("rows that disagree about spans line up (header spans one column, data another)")
    func disagreeingSpans() {
        let t = table([
            ["信息内容", "本年新制作数量", "本年新公开数量|1|2", "对外公开总数量"],
            ["规章", "1|1|2", "2", "3"],
        ])
        #expect(t.slots()![1] == [.cell("规章"), .cell("1"), .columnCovered, .cell("2"), .cell("3")])
        #expect(lines(t) == ["信息内容→本年新制作数量→本年新公开数量→对外公开总数量", "规章→1→2→3"])
    }

    @Test("a group label spanning rows leaves an empty position in each row it covers")
    func rowspanLabels() {
        let t = table([
            ["（三）不予公开|3|1", "1.属于国家秘密", "0"],
            ["2.其他法律行政法规禁止公开", "1"],
            ["3.危及“三安全一稳定”", "2"],
            ["（四）无法提供", "x", "9"],
        ])
        #expect(lines(t) == ["（三）不予公开→1.属于国家秘密→0", "→2.其他法律行政法规禁止公开→1", "→3.危及“三安全一稳定”→2",
                             "（四）无法提供→x→9"])
    }

    @Test("spans past the end, rowspan=0, short rows and blank cells")
    func edges() {
        let t = table([["a|5|1", "b"], ["c"], ["d|0|1", "e", ""]])
        #expect(t.slots()! == [[.cell("a"), .cell("b")], [.rowCovered, .cell("c")], [.rowCovered, .cell("d"), .cell("e"), .cell("")]])
        let gap = table([["a", "b", "c|2|1"], ["d"]])
        #expect(gap.slots()![1] == [.cell("d"), .absent, .rowCovered])
    }

    @Test("line breaks inside a cell are joined; &nbsp; and ideographic spaces alone are empty")
    func cellText() {
        let t = table([["（二）部分公开（区分处理的，只计这一情<br>形）", "&nbsp;", "\u{3000}&nbsp; ", "1 2"]])
        // <br> is the reader's business; here the cell holds the text as given.
        #expect(lines(t) == ["（二）部分公开（区分处理的，只计这一情<br>形）→→→1 2"])
        var u = HTMLTableBuilder()
        u.startCell(rowspan: 1, colspan: 1)
        let bytes = Array("规章".utf8)
        bytes.withUnsafeBufferPointer { b in _ = u.withOpenCell { $0.append(b, 0..<b.count); $0.breakLine(); $0.append(b, 0..<b.count) } }
        #expect(lines(u) == ["规章规章"])
    }

    @Test("absurd spans are clamped, and a grid far larger than its cells is not expanded")
    func hostileSpans() {
        let wide = table([["a|1|100000", "b"]])
        #expect(wide.slots()![0].count == HTMLTableBuilder.maxColspan + 1)
        let rows = (0..<2000).map { _ in ["x|1000|100"] }
        let t = table(rows)
        #expect(t.slots(limit: 16 * t.cellCount + 4096) == nil)
        #expect(lines(t).count == 2000)
        #expect(lines(t).allSatisfy { $0 == "x" })
    }
}
