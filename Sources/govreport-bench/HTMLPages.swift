import ReportModel
import ReportParsing
import ReportValidation

/// The HTML side of the benchmark: each text input laid out as a Word-exported web page (styles, conditional
/// comments, nested spans; tab-separated lines as table rows), read by `DocumentReader` like any file.
enum HTMLPages {
    /// One web page per text input, carrying the same numbers.
    static func make(from inputs: [[UInt8]]) -> [[UInt8]] {
        inputs.map { page(String(decoding: $0, as: UTF8.self)) }
    }

    static let head = """
        <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
        <head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
        <meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
        <title>政府信息公开工作年度报告</title>
        <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>admin</o:Author><o:Pages>6</o:Pages>
        </o:DocumentProperties></xml><![endif]-->
        <style><!--
        @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1; mso-font-charset:134;}
        p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-unhide:no; margin:0cm; text-align:justify;
         font-size:10.5pt; font-family:"Times New Roman",serif; mso-fareast-font-family:宋体;}
        table.MsoNormalTable {mso-style-name:普通表格; mso-padding-alt:0cm 5.4pt 0cm 5.4pt;}
        --></style></head>
        <body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
        <div class="crumb">首页 &gt; 政府信息公开 &gt; 年度报告</div>

        """

    /// The text as a page: lines with tabs become table rows, other lines paragraphs.
    static func page(_ text: String) -> [UInt8] {
        var out = head
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                if !inTable {
                    out += "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n"
                    inTable = true
                }
                out += "<tr style='mso-yfti-irow:1'>"
                for cell in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    let content = cell.isEmpty ? "&nbsp;" : escaped(cell)
                    out += "<td width=80 valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
                        + "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:"
                        + "10.0pt;font-family:宋体'>\(content)<o:p></o:p></span></p></td>"
                }
                out += "</tr>\n"
                continue
            }
            if inTable {
                out += "</table>\n"
                inTable = false
            }
            if line.isEmpty { continue }
            out += "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>"
                + "\(escaped(line))<span lang=EN-US><o:p></o:p></span></span></p>\n"
        }
        if inTable { out += "</table>\n" }
        out += "</div></body></html>\n"
        return Array(out.utf8)
    }

    static func escaped<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Times reading (format detection, HTML reader, text pipeline) and validating `reports` pages.
    static func measure(_ pages: [[UInt8]], reports: Int, warmUp: Int) -> (timing: Timing, findings: Int) {
        let reader = DocumentReader()
        let validator = ReportValidator()
        var findings = 0
        for i in 0..<warmUp {
            findings &+= validator.validate(reader.read(pages[i % pages.count], fileName: "seed.html")).findings.count
        }
        findings = 0
        let timing = Timing.measure {
            for i in 0..<reports {
                findings &+= validator.validate(reader.read(pages[i % pages.count], fileName: "seed.html")).findings.count
            }
        }
        return (timing, findings)
    }
}
