@testable import ReportParsing
import Testing

@Suite("HTML tokenizer")
struct HTMLTokenizerTests {
    /// The tokens of `html`, written as `<name>`, `</name>`, `<name/>` and the raw text.
    func tokens(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        return bytes.withUnsafeBufferPointer { b in
            var tokenizer = HTMLTokenizer(b)
            var out: [String] = []
            while let token = tokenizer.next() {
                switch token {
                case .text(let r): out.append(String(decoding: b[r], as: UTF8.self))
                case .start(let name, _, let selfClosing): out.append(selfClosing ? "<\(name)/>" : "<\(name)>")
                case .end(let name): out.append("</\(name)>")
                }
            }
            return out
        }
    }

    /// The value of attribute `name` on the first start tag of `html`.
    func attribute(_ name: StaticString, _ html: String) -> String? {
        let bytes = Array(html.utf8)
        return bytes.withUnsafeBufferPointer { b in
            var tokenizer = HTMLTokenizer(b)
            while let token = tokenizer.next() {
                if case .start(_, let attributes, _) = token { return tokenizer.attribute(name, in: attributes) }
            }
            return nil
        }
    }

    @Test("tags, text and case")
    func basics() {
        #expect(tokens("<P Class=x>规章</P><BR/>") == ["<p>", "规章", "</p>", "<br/>"])
    }

    @Test("comments, Word conditional comments and doctypes are skipped")
    func comments() {
        #expect(tokens("<!DOCTYPE html><!-- a > b --><p>x</p>") == ["<p>", "x", "</p>"])
        #expect(tokens("<!--[if gte mso 9]><xml><o:Pages>6</o:Pages></xml><![endif]-->正文") == ["正文"])
        #expect(tokens("<![if !supportLists]>1.<![endif]>规章") == ["1.", "规章"])
        #expect(tokens("<?xml version=\"1.0\"?><p>") == ["<p>"])
    }

    @Test("a comment left open runs to the end of the file")
    func unclosedComment() {
        #expect(tokens("<p>前</p><!-- 未闭合 <p>后</p>") == ["<p>", "前", "</p>"])
    }

    @Test("script, style and title content is skipped up to its end tag")
    func rawText() {
        #expect(tokens("<script>if (a < b) { document.write('<p>x</p>') }</script>正文") == ["<script>", "</script>", "正文"])
        #expect(tokens("<STYLE>p.MsoNormal {margin:0}</style>") == ["<style>", "</style>"])
        #expect(tokens("<script>never closed <p>x</p>") == ["<script>"])
        #expect(tokens("<title>a</titles>b</title>c") == ["<title>", "</title>", "c"])
    }

    @Test("CDATA is text; a stray < is text")
    func cdataAndStray() {
        #expect(tokens("<![CDATA[1 < 2]]>x") == ["1 < 2", "x"])
        #expect(tokens("a < b <3 <>c") == ["a ", "< b ", "<3 ", "<>c"])
        #expect(tokens("</ >x") == ["x"])
    }

    @Test("Word namespaced tags are tags")
    func namespaced() {
        #expect(tokens("12<o:p></o:p>") == ["12", "<o:p>", "</o:p>"])
    }

    @Test("attributes with and without quotes; a > inside quotes")
    func attributes() {
        #expect(attribute("colspan", "<td colspan=3 rowspan='2'>") == "3")
        #expect(attribute("rowspan", "<td colspan=3 rowspan='2'>") == "2")
        #expect(attribute("title", "<a title=\"a > b\" href=x.pdf>") == "a > b")
        #expect(attribute("href", "<a title=\"a > b\" href=x.pdf>") == "x.pdf")
        #expect(attribute("href", "<a href=\"/f?a=1&amp;b=2\">") == "/f?a=1&b=2")
        #expect(attribute("nowrap", "<td nowrap>") == "")
        #expect(attribute("width", "<td nowrap>") == nil)
        #expect(tokens("<td title=\"a > b\">x</td>") == ["<td>", "x", "</td>"])
    }

    @Test("a tag cut off by the end of the file is dropped")
    func cutOff() {
        #expect(tokens("正文<div class=\"x") == ["正文"])
        #expect(tokens("正文<td title=\"open quote>more text") == ["正文"])
        #expect(tokens("正文</div") == ["正文"])
    }
}
