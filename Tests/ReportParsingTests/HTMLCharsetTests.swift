@testable import ReportParsing
import Testing

@Suite("HTML charset")
struct HTMLCharsetTests {
    let chinese = "<p>政府信息公开工作年度报告：本年新收政府信息公开申请数量</p>"

    func gbk(_ text: String) -> [UInt8] { iconvConvert(Array(text.utf8), from: "UTF-8", to: "GBK")! }

    @Test("declarations: meta charset, http-equiv, XML, JSP; GB names fold to GB18030")
    func declared() {
        #expect(HTMLCharset.declared(Array("<meta charset=\"GB2312\">".utf8)) == ["gb18030"])
        #expect(HTMLCharset.declared(Array("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gbk\">".utf8)) == ["gb18030"])
        #expect(HTMLCharset.declared(Array("<meta charset=utf8>".utf8)) == ["utf-8"])
        #expect(HTMLCharset.declared(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8)) == ["utf-8"])
        #expect(HTMLCharset.declared(Array("<%@ page contentType=\"text/html; charset=gb2312\" pageEncoding=\"UTF-8\"%>".utf8))
            == ["gb18030", "utf-8"])
        #expect(HTMLCharset.declared(Array("<p>charsets are fun</p>".utf8)).isEmpty)
    }

    @Test("GBK bytes declared as gb2312 are read as GB18030")
    func gbkDeclared() {
        let bytes = gbk("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">" + chinese)
        let decoded = HTMLCharset.decode(bytes)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text.contains("本年新收政府信息公开申请数量"))
        #expect(decoded.undecodableBytes == 0)
    }

    @Test("Big5 bytes declared as big5 (or an alias) are read as Big5; a Big5 name folds to big5")
    func big5Declared() {
        #expect(HTMLCharset.normalized("big5-hkscs") == "big5")
        #expect(HTMLCharset.normalized("cp950") == "big5")
        // 政府資訊公開 in Big5.
        let body: [UInt8] = [0xAC, 0x46, 0xA9, 0xB2, 0xB8, 0xEA, 0xB0, 0x54, 0xA4, 0xBD, 0xB6, 0x7D]
        let page = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=BIG5\"><p>".utf8) + body
        let decoded = HTMLCharset.decode(page)
        #expect(decoded.encoding == "big5")
        #expect(decoded.text.hasSuffix("<p>政府資訊公開"))
        #expect(decoded.undecodableBytes == 0)
    }

    @Test("conflicting declarations: the bytes decide")
    func conflicting() {
        // Declares GB2312 (and UTF-8), saved as UTF-8.
        let utf8 = Array(("<%@ page pageEncoding=\"UTF-8\"%><meta charset=gb2312>" + chinese).utf8)
        #expect(HTMLCharset.decode(utf8).encoding == "utf-8")
        #expect(HTMLCharset.decode(utf8).text.contains("年度报告"))
        // Declares UTF-8, saved as GBK.
        let gb = gbk("<meta charset=\"utf-8\">" + chinese)
        let decoded = HTMLCharset.decode(gb)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text.contains("年度报告"))
    }

    @Test("GBK without any declaration, and byte-order marks")
    func undeclaredAndBOM() {
        #expect(HTMLCharset.decode(gbk(chinese)).encoding == "gb18030")
        #expect(HTMLCharset.decode([0xEF, 0xBB, 0xBF] + Array(chinese.utf8)).encoding == "utf-8")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in ("<meta charset=gbk>" + chinese).utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let decoded = HTMLCharset.decode(utf16)
        #expect(decoded.encoding == "utf-16le")
        #expect(decoded.text.contains("年度报告"))
    }
}
