/// Tells pages that hold no report from pages that do: an application shell whose content a script loads, or
/// a page that only links the report as an attachment.
enum HTMLPageCheck {
    /// Chinese characters a page needs, without statistics tables, to count as holding a report's text.
    static let reportTextMinimum = 600
    /// Fewer Chinese characters than this, and no tables: the page shows nothing of its own.
    static let shellTextMaximum = 60
    /// Markup of script-rendered pages and CMS detail pages whose body is loaded separately.
    static let shellMarkers = ["id=\"app\"", "id='app'", "id=app", "id=\"root\"", "enable javascript",
                               "enable it to continue", "chunk-vendors", "app.js\"", "noscript"]
    static let webBuilderMarkers = ["showinfo", "getgovinfodetail", "infoguid"]

    /// Why the page is not a report, or nil when its text should go to the text pipeline.
    static func problem(text: String, extractor: HTMLTextExtractor, source: [UInt8]) -> String? {
        var ideographs = 0
        for s in text.unicodeScalars where CharacterFolding.isIdeograph(s) {
            ideographs += 1
            if ideographs >= reportTextMinimum { break }
        }
        let hasReport = extractor.dataTables > 0 || ideographs >= reportTextMinimum
        if hasReport { return nil }
        if let first = extractor.attachments.first {
            let more = extractor.attachments.count > 1 ? "等\(extractor.attachments.count)个附件" : ""
            return "网页只是附件链接（\(first)\(more)），正文不在网页中；请下载附件后再提交"
        }
        let markup = lowercasedPrefix(source, 256 << 10)
        if webBuilderMarkers.contains(where: { FormatSniffer.search(Array($0.utf8), in: markup) != nil }) {
            return "网页是信息详情页框架，正文（通常是PDF附件）由脚本另行加载，不在网页中；请下载附件后再提交"
        }
        if ideographs < shellTextMaximum,
           shellMarkers.contains(where: { FormatSniffer.search(Array($0.utf8), in: markup) != nil }) {
            return "网页只是空的应用框架，正文由脚本加载，保存的网页中没有报告内容；请在浏览器中打开后另存为PDF或完整网页再提交"
        }
        return nil
    }

    /// Words that start a site's "you are here" line.
    static let breadcrumbStarts = ["当前位置", "您当前的位置", "您的位置", "您现在的位置", "所在位置", "当前位置："]

    /// True for a site's navigation trail ("首页 > 政府信息公开 > 年度报告"), which is no part of the report and
    /// would otherwise pass for its title.
    static func isBreadcrumb<S: StringProtocol>(_ line: S) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\u{3000}" })
        if breadcrumbStarts.contains(where: { trimmed.hasPrefix($0) }) { return true }
        let parts = trimmed.split(whereSeparator: { ">»›＞→".contains($0) })
        guard parts.count >= 3, trimmed.count <= 80 else { return false }
        return parts.allSatisfy { $0.trimmingSpaces.count <= 16 }
    }

    /// UTF-8 of the first characters of `breadcrumbStarts`: 当, 您, 所.
    static let breadcrumbLeads: [[UInt8]] = [[0xE5, 0xBD, 0x93], [0xE6, 0x82, 0xA8], [0xE6, 0x89, 0x80]]

    /// The lines of `text` (UTF-8, every line ended) without navigation trails. Only short lines holding a
    /// separator or a "you are here" word are looked at closely.
    static func droppingBreadcrumbs(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var start = 0
        while start < text.count {
            var end = start
            var candidate = false
            // "当" (E5 BD 93), "您" (E6 82 A8) or "所" (E6 89 80) first: maybe "当前位置" and the like.
            if end + 2 < text.count, breadcrumbLeads.contains(where: { $0[0] == text[end] && $0[1] == text[end + 1] && $0[2] == text[end + 2] }) {
                candidate = true
            }
            while end < text.count && text[end] != 0x0A {
                let c = text[end]
                // ">", "»" (C2 BB), "›" (E2 80 BA), "→" (E2 86 92), "＞" (EF BC 9E).
                if c == 0x3E || (c == 0xC2 && end + 1 < text.count && text[end + 1] == 0xBB)
                    || (c == 0xE2 && end + 2 < text.count
                        && ((text[end + 1] == 0x80 && text[end + 2] == 0xBA) || (text[end + 1] == 0x86 && text[end + 2] == 0x92)))
                    || (c == 0xEF && end + 2 < text.count && text[end + 1] == 0xBC && text[end + 2] == 0x9E) {
                    candidate = true
                }
                end += 1
            }
            let line = text[start..<min(end + 1, text.count)]
            if !(candidate && end - start <= 320 && isBreadcrumb(String(decoding: text[start..<end], as: UTF8.self))) {
                out.append(contentsOf: line)
            }
            start = end + 1
        }
        return out
    }

    /// The first `count` bytes, ASCII letters lower-cased.
    static func lowercasedPrefix(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
        bytes.prefix(count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}

extension StringProtocol {
    /// The text without spaces at either end.
    var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
