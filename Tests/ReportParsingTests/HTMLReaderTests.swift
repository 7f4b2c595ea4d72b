import Foundation
@testable import ReportParsing
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("HTML reader", .serialized)
struct HTMLReaderTests {
    /// The page's text lines (tabs shown as →), or the rejection reason prefixed with "rejected: ".
    func read(_ html: String) -> [String] {
        read(Array(html.utf8))
    }

    func read(_ bytes: [UInt8]) -> [String] {
        switch HTMLReader.read(bytes) {
        case .text(let text, _):
            return text.split(separator: "\n").map { $0.replacingOccurrences(of: "\t", with: "→") }
        case .rejected(let reason, _):
            return ["rejected: \(reason)"]
        }
    }

    @Test("block elements end lines, inline elements do not, white space collapses")
    func blocks() {
        #expect(read("<h1>标题</h1><p>第一<span>段</span>\n  文字</p><div>二<br>三</div><ul><li>甲</li><li>乙</li></ul>")
            == ["标题", "第一段 文字", "二", "三", "甲", "乙"])
    }

    @Test("references in text; &nbsp; is a space")
    func entities() {
        #expect(read("<p>&ldquo;三安全一稳定&rdquo;&nbsp;&nbsp;&mdash;&#20013;&amp;</p>") == ["“三安全一稳定” —中&"])
        #expect(read("<p>&nbsp;&nbsp;&emsp;一、总体情况</p>") == ["一、总体情况"])
    }

    @Test("Word markup: conditional comments, <o:p>, styles, nested spans with split digits")
    func wordExport() {
        let html = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
            <!--[if gte mso 9]><xml><o:DocumentProperties><o:Pages>6</o:Pages></o:DocumentProperties></xml><![endif]-->
            <style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style></head>
            <body><p class=MsoNormal><span style='font-family:宋体'>行政许可<o:p></o:p></span></p>
            <table class=MsoNormalTable border=0><tr><td><p class=MsoNormal><span>规章<o:p></o:p></span></p></td>
            <td><p class=MsoNormal><span lang=EN-US><span style='x'>1</span></span><span lang=EN-US>2<o:p></o:p></span></p></td></tr>
            <![if !supportMisalignedColumns]><tr height=0><td style='border:none'></td><td></td></tr><![endif]>
            </table></body></html>
            """
        #expect(read(html) == ["行政许可", "规章→12", "→"])
    }

    @Test("<br> and paragraphs inside a cell join into one cell; &nbsp;-only cells are empty")
    func cells() {
        let html = "<table><tr><td>（二）部分公开（区分处理的，只计这一情<br>形，不计其他情形）</td><td>&nbsp;</td><td> 7 </td></tr>"
            + "<tr><td><p>行政事业</p><p>性收费</p></td><td>&nbsp;&nbsp;</td><td>　</td></tr></table>"
        #expect(read(html) == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）→→7", "行政事业性收费→→"])
    }

    @Test("units, dashes and slashes in cells are kept as printed")
    func markers() {
        #expect(read("<table><tr><td>行政许可</td><td>12件</td><td>—</td><td>/</td><td>1,234</td></tr></table>")
            == ["行政许可→12件→—→/→1,234"])
    }

    @Test("a page laid out by an outer table: the outer cells are text, the inner table a grid")
    func nestedTables() {
        let html = """
            <table width=100%><tr><td>
            <p>某某县2021年政府信息公开工作年度报告</p><p>一、总体情况</p>
            <table border=1><tr><td>行政许可</td><td>5</td></tr><tr><td>行政处罚</td><td>6</td></tr></table>
            <p>五、存在的主要问题及改进情况</p></td></tr></table>
            """
        #expect(read(html) == ["某某县2021年政府信息公开工作年度报告", "一、总体情况", "行政许可→5", "行政处罚→6",
                               "五、存在的主要问题及改进情况"])
    }

    @Test("a table whose cells hold running text is read cell by cell")
    func layoutByText() {
        let paragraph = String(repeating: "本机关认真贯彻落实条例。", count: 10)
        let html = "<table><tr><td><p>\(paragraph)</p><p>\(paragraph)</p><p>\(paragraph)</p><p>完</p></td></tr></table>"
        #expect(read(html) == [paragraph, paragraph, paragraph, "完"])
    }

    @Test("text in a table outside its cells, unclosed cells, rows and tables")
    func sloppyTables() {
        #expect(read("<table><caption>表一</caption><tr><td>a<td>1<tr><td>b<td>2</table>后") == ["表一", "a→1", "b→2", "后"])
        #expect(read("<table><tr><td>a</td><td>1") == ["a→1"])
        #expect(read("</td></tr></table><td>x</td>") == ["x"])
    }

    @Test("script, style and title text is not page text")
    func skipped() {
        #expect(read("<title>标题</title><script>var a = '<p>x</p>';</script><style>p{}</style><p>正文</p>") == ["正文"])
    }

    @Test("navigation trails are dropped")
    func breadcrumbs() {
        #expect(read("<div>首页 &gt; 政府信息公开 &gt; 年度报告</div><div>当前位置：首页</div><p>正文 > 其他</p>")
            == ["正文 > 其他"])
    }

    @Test("an empty application shell is rejected")
    func spaShell() {
        let html = "<!DOCTYPE html><html><head><link href=/css/chunk-vendors.css rel=stylesheet></head><body>"
            + "<noscript>Please enable it to continue.</noscript><div id=\"app\"></div><script src=/js/app.js></script></body></html>"
        let lines = read(html)
        #expect(lines.count == 1 && lines[0].hasPrefix("rejected: 网页只是空的应用框架"))
    }

    @Test("a page that only links the report as an attachment is rejected, naming the file")
    func attachment() {
        let html = "<html><body><h1>某区2021年政府信息公开工作年度报告</h1><p>附件：<a href=\"/files/2021%E5%B9%B4%E6%8A%A5.pdf?v=2\">下载</a></p></body></html>"
        #expect(read(html) == ["rejected: 网页只是附件链接（2021年报.pdf），正文不在网页中；请下载附件后再提交"])
        let webBuilder = "<html><body><div id=\"infoContent\"></div><script>getGovInfoDetail('1');</script></body></html>"
        #expect(read(webBuilder).first?.hasPrefix("rejected: 网页是信息详情页框架") == true)
    }

    @Test("a report page that also links attachments is read")
    func reportWithAttachment() {
        let html = "<p>" + String(repeating: "政府信息公开", count: 120) + "</p><a href=\"a.pdf\">附件</a>"
        #expect(read(html).count == 2)
        let table = "<table><tr><td>行政许可</td><td>5</td></tr><tr><td>行政处罚</td><td>6</td></tr></table><a href=a.docx>x</a>"
        #expect(read(table) == ["行政许可→5", "行政处罚→6", "x"])
    }

    // MARK: Hostile input

    @Test("deeply nested tags end quickly and keep the text")
    func deepNesting() {
        let depth = 100_000
        let divs = String(repeating: "<div><span>", count: depth) + "正文" + String(repeating: "</span></div>", count: depth)
        #expect(read(divs) == ["正文"])
        let tables = String(repeating: "<table><tr><td>", count: 20_000) + "深" + String(repeating: "</td></tr></table>", count: 20_000)
        #expect(read(tables) == ["深"])
    }

    @Test("a huge attribute and a quote left open do not hang")
    func hugeAttribute() {
        let value = String(repeating: "a", count: 10 << 20)
        #expect(read("<p title=\"\(value)\">正文</p>") == ["正文"])
        #expect(read("<p>前</p><p title=\"\(value)>正文</p>") == ["前"])
        #expect(read("<p>前</p><!--" + value) == ["前"])
    }

    @Test("a 30 MB page ends in bounded time and memory: text beyond the limit is rejected")
    func largeInput() {
        let row = "<tr><td style='border:solid windowtext 1.0pt'>行政许可</td><td>12</td><td>&nbsp;</td></tr>\n"
        let rows = String(repeating: row, count: (30 << 20) / row.utf8.count)
        let bytes = Array(("<html><body><table>" + rows + "</table></body></html>").utf8)
        let before = peakMemoryKiB()
        let start = ContinuousClock.now
        let lines = read(bytes)
        let elapsed = ContinuousClock.now - start
        #expect(lines.count == 1 && lines[0].hasPrefix("rejected: 网页中的文字超过"))
        #expect(elapsed < .seconds(20), "read 30 MB in \(elapsed)")
        if let before, let after = peakMemoryKiB() {
            // The input is 30 MB; the reader may hold a copy and the text, not many.
            #expect(after - before < 6 * (bytes.count >> 10), "peak grew by \(after - before) KiB")
        }
    }

    @Test("a 24 MB page of markup around a little text is read completely")
    func largeMarkup() {
        let style = "p.MsoNormal{mso-style-parent:\"\";margin:0cm;font-family:宋体}\n"
        let image = "<img src=\"data:image/png;base64," + String(repeating: "iVBORw0KGgo", count: 2 << 20) + "\">"
        let page = "<html><head><style>" + String(repeating: style, count: (16 << 20) / style.utf8.count)
            + "</style></head><body>" + image + "<p>某某县2021年政府信息公开工作年度报告</p></body></html>"
        let start = ContinuousClock.now
        let lines = read(page)
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(lines == ["某某县2021年政府信息公开工作年度报告"] || lines.first?.hasPrefix("rejected") == true)
    }

    /// The process's peak resident memory (VmHWM) in KiB, where /proc is available.
    func peakMemoryKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
