import Foundation
import ReportParsing
import Testing

/// A stored (uncompressed) ZIP with the given members, built by hand: local headers, central directory, end record.
func storedZIP(_ members: [(String, [UInt8])]) -> [UInt8] {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
    var out: [UInt8] = []
    var central: [UInt8] = []
    for (name, data) in members {
        let offset = out.count
        let n = Array(name.utf8)
        out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
        out += le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + n + data
        central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
        central += le32(data.count) + le32(data.count) + le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0)
        central += le32(0) + le32(offset) + n
    }
    let start = out.count
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(members.count) + le16(members.count)
    out += le32(central.count) + le32(start) + le16(0)
    return out
}

@Suite("Format sniffing")
struct FormatSnifferTests {
    func sniff(_ bytes: [UInt8]) -> FormatSniffer.Result { FormatSniffer.sniff(bytes) }
    func sniff(_ text: String) -> FormatSniffer.Result { FormatSniffer.sniff(Array(text.utf8)) }

    @Test("PDF at the start, and after a little junk")
    func pdf() {
        #expect(sniff("%PDF-1.7\n%âãÏÓ\n1 0 obj").format == .pdf)
        #expect(sniff([0x00, 0x0D, 0x0A] + Array("garbage\n%PDF-1.4\n".utf8) + [UInt8](repeating: 0x80, count: 200)).format == .pdf)
        // Beyond the first kilobyte it is not a PDF header.
        let late = [UInt8](repeating: UInt8(ascii: "x"), count: 2000) + Array("%PDF-1.4".utf8)
        #expect(sniff(late).format == .txt)
    }

    @Test("a ZIP with word/document.xml is DOCX; other ZIPs are named")
    func zips() {
        let docx = storedZIP([("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", Array("<w:document/>".utf8))])
        #expect(sniff(docx) == FormatSniffer.Result(.docx))
        let xlsx = sniff(storedZIP([("[Content_Types].xml", []), ("xl/workbook.xml", [])]))
        #expect(xlsx.format == .unsupported && xlsx.reason?.contains("Excel") == true)
        let pptx = sniff(storedZIP([("ppt/presentation.xml", [])]))
        #expect(pptx.format == .unsupported && pptx.reason?.contains("PowerPoint") == true)
        let plain = sniff(storedZIP([("年报.pdf", Array("%PDF-1.4".utf8))]))
        #expect(plain.format == .unsupported && plain.reason?.contains("ZIP压缩包") == true)
        let odt = sniff(storedZIP([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", [])]))
        #expect(odt.format == .unsupported && odt.reason?.contains("OpenDocument") == true)
    }

    @Test("a ZIP whose central directory is cut off is read from its local headers")
    func truncatedZIP() {
        let docx = storedZIP([("word/document.xml", Array("<w:document/>".utf8)), ("word/styles.xml", [])])
        #expect(sniff(Array(docx.prefix(60))).format == .docx)
    }

    @Test("OLE2 is legacy Word")
    func ole2() {
        #expect(sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)).format == .doc)
    }

    @Test("web pages by their first markup, after BOMs, white space and comments", arguments: [
        "<!DOCTYPE html><html><body>x</body></html>",
        "\u{FEFF}<!doctype HTML>\n<html>",
        "  \n<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">",
        "<!-- saved from url=(0058)http://www.gov.cn/ -->\n<HTML><HEAD>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
        "<meta charset=\"gb2312\"><title>年度报告</title>",
        "<table border=1><tr><td>规章</td></tr></table>",
        "<div id=\"app\"></div>",
        "<p>本报告由……编制。</p>",
        "<head><title>x</title></head>",
        "<body>正文</body>",
        "<%@ page contentType=\"text/html; charset=gb2312\" pageEncoding=\"UTF-8\"%>\n<html>",
        "\n\n<?php header('x'); ?>\nWarning: something\n<html><body>",
        "Notice: a < b in index.php\n<BoDy class=\"x\">年度报告</BoDy>",
        "服务器提示\n<!DocType HTML>\n<p>x</p>",
    ])
    func html(_ text: String) {
        #expect(sniff(text).format == .html)
    }

    @Test("HTML in UTF-16 with a BOM")
    func htmlUTF16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "<html><body>年度报告</body></html>".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(sniff(bytes).format == .html)
    }

    @Test("text that mentions tags is text", arguments: [
        "昆吾办2020年政府信息公开工作年度报告\n<p>不是开头",
        "a < b\n",
        "<pre>x",
        "<!DOCTYPE note SYSTEM \"note.dtd\"><note/>",
        "<?xml version=\"1.0\"?><report/>",
    ])
    func notHTML(_ text: String) {
        #expect(sniff(text).format == .txt)
    }

    @Test("a page's tag after the first 4 KB of text does not make the file a web page")
    func lateTag() {
        let text = String(repeating: "报告正文。", count: 300) + "\n<html><body>x</body></html>"
        #expect(text.utf8.count > 4096 + 10)
        #expect(sniff(text).format == .txt)
        let early = String(repeating: "报告正文。", count: 200) + "\n<html><body>x</body></html>"
        #expect(sniff(early).format == .html)
    }

    @Test("images, archives and executables are unsupported with a reason", arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG图片"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], "JPEG图片"),
        (Array("GIF89a".utf8) + [1, 0, 1, 0], "GIF图片"),
        (Array("BM".utf8) + [0x46, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0x36, count: 30), "BMP图片"),
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], "TIFF图片"),
        ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], "TIFF图片"),
        (Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8), "WebP图片"),
        ([0x1F, 0x8B, 0x08, 0x00], "gzip压缩包"),
        (Array("BZh91AY&SY".utf8), "bzip2压缩包"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], "xz压缩包"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4], "7z压缩包"),
        (Array("Rar!".utf8) + [0x1A, 0x07, 0x01, 0x00], "RAR压缩包"),
        ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "ELF"),
        (Array("MZ".utf8) + [UInt8](repeating: 0x90, count: 126), "Windows可执行程序"),
    ] as [([UInt8], String)])
    func unsupported(_ bytes: [UInt8], _ named: String) {
        let result = sniff(bytes)
        #expect(result.format == .unsupported)
        #expect(result.reason?.contains(named) == true, "\(result.reason ?? "no reason")")
    }

    @Test("images tell the user a scan needs OCR")
    func imageReason() {
        #expect(sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).reason
            == "文件是PNG图片，不是年度报告；如为扫描件，请提供文字版（需OCR）")
    }

    @Test("empty files and binary junk are unsupported")
    func emptyAndJunk() {
        #expect(sniff([UInt8]()).format == .unsupported)
        #expect(sniff([UInt8]()).reason?.contains("空") == true)
        var random = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(sniff(junk).format == .unsupported)
        #expect(sniff([UInt8](repeating: 0, count: 100)).format == .unsupported)
    }

    @Test("plain and UTF-16 text is text")
    func text() {
        #expect(sniff("昆吾办2020年政府信息公开工作年度报告\n一、总体情况\n").format == .txt)
        var utf16: [UInt8] = []
        for u in "年度报告 2020\r\n一、总体情况 12 34\r\n".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(sniff(utf16).format == .txt)
        #expect(sniff("MZ").format == .txt)
        #expect(sniff("BM").format == .txt)
    }
}
