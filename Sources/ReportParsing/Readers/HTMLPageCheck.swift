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
        // Three parts need two separators; most lines looked at have fewer, and are answered without splitting.
        var separators = 0
        for s in trimmed.unicodeScalars where s == ">" || s == "»" || s == "›" || s == "＞" || s == "→" {
            separators += 1
            if separators == 2 { break }
        }
        guard separators == 2 else { return false }
        let parts = trimmed.split(whereSeparator: { ">»›＞→".contains($0) })
        guard parts.count >= 3, trimmed.count <= 80 else { return false }
        return parts.allSatisfy { $0.trimmingSpaces.count <= 16 }
    }

    /// UTF-8 of the first characters of `breadcrumbStarts`: 当, 您, 所.
    static let breadcrumbLeads: [[UInt8]] = [[0xE5, 0xBD, 0x93], [0xE6, 0x82, 0xA8], [0xE6, 0x89, 0x80]]

    /// The lines of `text` (UTF-8, every line ended) without navigation trails. Only short lines holding a
    /// separator or a "you are here" word are looked at closely; the text is copied only when a line goes.
    static func droppingBreadcrumbs(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8]? = nil
        text.withUnsafeBufferPointer { b in
            let n = b.count
            var start = 0
            while start < n {
                var end = start
                while end < n && b[end] != 0x0A { end += 1 }
                if end - start <= 320 && isCandidate(b, start, end)
                    && isBreadcrumb(String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)) {
                    if out == nil {
                        out = Array(b[0..<start])
                        out!.reserveCapacity(n)
                    }
                } else if out != nil {
                    out!.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<min(end + 1, n)]))
                }
                start = end + 1
            }
        }
        return out ?? text
    }

    /// True when the line `b[start..<end]` starts with "当" (E5 BD 93), "您" (E6 82 A8) or "所" (E6 89 80) (maybe
    /// "当前位置" and the like) or holds a separator: ">", "»" (C2 BB), "›" (E2 80 BA), "→" (E2 86 92), "＞" (EF BC 9E).
    private static func isCandidate(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let n = b.count
        if start + 2 < n, breadcrumbLeads.contains(where: { $0[0] == b[start] && $0[1] == b[start + 1] && $0[2] == b[start + 2] }) {
            return true
        }
        var i = start
        while i < end {
            let c = b[i]
            if c == 0x3E || (c == 0xC2 && i + 1 < n && b[i + 1] == 0xBB)
                || (c == 0xE2 && i + 2 < n
                    && ((b[i + 1] == 0x80 && b[i + 2] == 0xBA) || (b[i + 1] == 0x86 && b[i + 2] == 0x92)))
                || (c == 0xEF && i + 2 < n && b[i + 1] == 0xBC && b[i + 2] == 0x9E) {
                return true
            }
            i += 1
        }
        return false
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
