import Foundation
@testable import ReportParsing
import Testing

/// The body of `word/document.xml` to text: runs, tabs, breaks, skipped markup, table grids, hostile XML.
@Suite("DOCX document.xml parser")
struct DOCXDocumentParserTests {
    func text(_ body: String) throws -> String {
        try DOCXDocumentParser.text(of: Array(ZIPTestArchive.document(body: body).utf8))
    }

    func p(_ runs: String...) -> String {
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" + runs.map { "<w:r><w:rPr><w:b/></w:rPr>\($0)</w:r>" }.joined() + "</w:p>"
    }

    func tc(_ content: String, span: Int = 1, vMerge: String? = nil) -> String {
        var pr = span > 1 ? "<w:gridSpan w:val=\"\(span)\"/>" : ""
        if let vMerge { pr += vMerge.isEmpty ? "<w:vMerge/>" : "<w:vMerge w:val=\"\(vMerge)\"/>" }
        return "<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/>\(pr)</w:tcPr><w:p><w:r><w:t>\(content)</w:t></w:r></w:p></w:tc>"
    }

    @Test("paragraphs are lines; runs of one paragraph are joined; entities are decoded")
    func paragraphsAndRuns() throws {
        let body = p("<w:t>一、总体</w:t>", "<w:t xml:space=\"preserve\">情况 </w:t>")
            + p("<w:t>A &amp; B &lt;1&gt; &#20013;&#x6587; &unknown;</w:t>")
        #expect(try text(body) == "一、总体情况 \nA & B <1> 中文 &unknown;\n")
    }

    @Test("w:tab is a tab, w:br and w:cr are line breaks, tab stops in paragraph properties are not tabs")
    func tabsAndBreaks() throws {
        let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
            + "<w:r><w:t>规章</w:t><w:tab/><w:t>5</w:t><w:br/><w:t>下一行</w:t><w:cr/><w:t>末</w:t></w:r></w:p>"
        #expect(try text(body) == "规章\t5\n下一行\n末\n")
    }

    @Test("deleted text, field instructions, drawings and fallback content are not read")
    func skippedMarkup() throws {
        let body = "<w:p><w:r><w:t>保留</w:t></w:r>"
            + "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删除</w:delText></w:r></w:del>"
            + "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>插入</w:t></w:r></w:ins>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE 99 </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>结果</w:t></w:r>"
            + "<w:r><w:drawing><wp:inline><a:graphic><a:t>图中文字</a:t></a:graphic></wp:inline></w:drawing></w:r>"
            + "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:t>选</w:t></w:r></mc:Choice>"
            + "<mc:Fallback><w:r><w:t>备</w:t></w:r></mc:Fallback></mc:AlternateContent>"
            + "<!-- a comment --><?pi data?></w:p>"
        #expect(try text(body) == "保留插入结果选\n")
    }

    @Test("a table is a grid: spans leave empty columns, vertical merges leave the covered cells empty")
    func tableGrid() throws {
        let table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr>\(tc("三、本年度办理结果", vMerge: "restart"))\(tc("（一）予以公开", span: 2))\(tc("5"))</w:tr>"
            + "<w:tr>\(tc("", vMerge: ""))\(tc("（三）不予公开", vMerge: "restart"))\(tc("1.属于国家秘密"))\(tc("0"))</w:tr>"
            + "<w:tr>\(tc("", vMerge: "continue"))\(tc("", vMerge: ""))\(tc("2.其他"))\(tc("—"))</w:tr>"
            + "</w:tbl>"
        let got = try text(p("<w:t>前</w:t>") + table + p("<w:t>后</w:t>"))
        #expect(got == "前\n三、本年度办理结果\t（一）予以公开\t\t5\n\t（三）不予公开\t1.属于国家秘密\t0\n\t\t2.其他\t—\n后\n")
    }

    @Test("table, cell and section properties (borders, margins, exceptions) are passed over; spans inside them still count")
    func propertyContainers() throws {
        let borders = "<w:tcBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/><w:bottom w:val=\"nil\"/></w:tcBorders>"
        let cell = "<w:tc><w:tcPr><w:tcW w:w=\"100\"/>\(borders)<w:gridSpan w:val=\"2\"/><w:tcMar><w:left w:w=\"0\"/></w:tcMar>"
            + "<w:shd w:fill=\"auto\"/></w:tcPr><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc>"
        let table = "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders><w:tblLook w:val=\"04A0\"/></w:tblPr>"
            + "<w:tblGrid><w:gridCol w:w=\"1\"/><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr><w:tblPrEx><w:tblBorders><w:insideH w:val=\"single\"/></w:tblBorders></w:tblPrEx>\(cell)\(tc("73"))</w:tr>"
            + "<w:tr><w:trPr><w:trHeight w:val=\"300\"/></w:trPr>\(tc("a"))\(tc("b"))\(tc("c"))</w:tr></w:tbl>"
        let section = "<w:sectPr><w:pgSz w:w=\"11906\"/><w:cols w:space=\"425\"/></w:sectPr>"
        #expect(try text(table + p("<w:t>末</w:t>") + section) == "行政许可\t\t73\na\tb\tc\n末\n")
    }

    @Test("line breaks and paragraphs inside a cell are joined; a tab inside a cell is a space")
    func cellText() throws {
        let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>结果</w:t><w:br/><w:t>纠正</w:t></w:r></w:p><w:p><w:r><w:t>数</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:p><w:r><w:t>1</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        #expect(try text(table) == "结果纠正数\t1 2\n")
    }

    @Test("gridBefore leaves empty columns at the start of a row")
    func gridBefore() throws {
        let table = "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>\(tc("a"))</w:tr><w:tr>\(tc("b"))\(tc("c"))\(tc("d"))</w:tr></w:tbl>"
        #expect(try text(table) == "\t\ta\nb\tc\td\n")
    }

    @Test("a table nested in a layout table keeps its own grid; the layout cell's paragraphs are lines")
    func nestedTable() throws {
        let inner = "<w:tbl><w:tr>\(tc("规章"))\(tc("2"))\(tc("0"))</w:tr><w:tr>\(tc("行政规范性文件"))\(tc("3"))\(tc("1"))</w:tr></w:tbl>"
        let outer = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表二</w:t></w:r></w:p>\(inner)<w:p/></w:tc></w:tr>"
            + "<w:tr>\(tc("x"))</w:tr></w:tbl>"
        #expect(try text(outer) == "表二\n规章\t2\t0\n行政规范性文件\t3\t1\nx\n")
    }

    @Test("any DOCTYPE or ENTITY declaration is refused at once: a billion-laughs body ends quickly")
    func declarationsAreRefused() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for k in 1...9 { entities += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k == 1 ? "" : String(k - 1));", count: 10) + "\">" }
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [\(entities)]>"
            + "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
        let start = ContinuousClock.now
        #expect(throws: DOCXDocumentParser.Failure.declaration) { try DOCXDocumentParser.text(of: Array(laughs.utf8)) }
        #expect(ContinuousClock.now - start < .seconds(1))
        let external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>"
        #expect(throws: DOCXDocumentParser.Failure.declaration) { try DOCXDocumentParser.text(of: Array(external.utf8)) }
    }

    @Test("broken XML ends with whatever text was read, never a crash")
    func brokenXML() throws {
        #expect(try DOCXDocumentParser.text(of: Array("<w:body><w:p><w:r><w:t>半截".utf8)) == "半截\n")
        #expect(try DOCXDocumentParser.text(of: Array("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1".utf8)) == "1\n")
        #expect(try DOCXDocumentParser.text(of: Array("<<<>>>&&&;<w:t".utf8)) == "")
        #expect(try DOCXDocumentParser.text(of: []) == "")
    }
}
