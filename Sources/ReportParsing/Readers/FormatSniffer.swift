/// Decides what a file is from its bytes (magic numbers, ZIP member names, the start of the markup), never from
/// its name, and says in plain Chinese why a file that is not a report format cannot be read.
public enum FormatSniffer {
    /// A sniffed format; `reason` is set for `.unsupported` (what the file is, and what to submit instead).
    public struct Result: Sendable, Hashable {
        public var format: DocumentFormat
        public var reason: String?

        public init(_ format: DocumentFormat, reason: String? = nil) {
            self.format = format
            self.reason = reason
        }
    }

    /// How far into the file a `%PDF-` header may start (some generators write junk before it).
    static let pdfSearchWindow = 1024
    /// How much of the start is looked at for markup and for binary junk.
    static let sniffWindow = 4096

    public static func sniff(_ bytes: [UInt8]) -> Result {
        if bytes.isEmpty { return Result(.unsupported, reason: "文件是空的，不是政府信息公开工作年度报告。") }
        if let magic = magic(bytes) { return magic }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return zip(bytes)
        }
        if search(Array("%PDF-".utf8), in: bytes, limit: pdfSearchWindow) != nil { return Result(.pdf) }
        if looksLikeHTML(bytes) { return Result(.html) }
        if isBinaryJunk(bytes) {
            return Result(.unsupported, reason: "文件不是文本（含有大量二进制字节），不是可读取的年度报告。")
        }
        return Result(.txt)
    }

    /// Formats told apart by their first bytes: PDF, OLE2 (Word 97–2003, WPS), images, archives, executables.
    static func magic(_ b: [UInt8]) -> Result? {
        func starts(_ prefix: [UInt8]) -> Bool { b.starts(with: prefix) }
        if starts(Array("%PDF-".utf8)) { return Result(.pdf) }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return Result(.doc) }
        let images: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG"), ([0xFF, 0xD8, 0xFF], "JPEG"),
            (Array("GIF87a".utf8), "GIF"), (Array("GIF89a".utf8), "GIF"),
            ([0x49, 0x49, 0x2A, 0x00], "TIFF"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF"),
        ]
        for (prefix, name) in images where starts(prefix) { return image(name) }
        if starts(Array("BM".utf8)) && b.count >= 26 && b[6...9].allSatisfy({ $0 == 0 }) { return image("BMP") }
        if starts(Array("RIFF".utf8)) && b.count >= 12 && Array(b[8..<12]) == Array("WEBP".utf8) { return image("WebP") }
        let archives: [([UInt8], String)] = [
            ([0x1F, 0x8B], "gzip"), (Array("BZh".utf8), "bzip2"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
            ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z"), (Array("Rar!\u{1A}\u{07}".utf8), "RAR"),
        ]
        for (prefix, name) in archives where starts(prefix) {
            return Result(.unsupported, reason: "文件是\(name)压缩包，不是年度报告；请解压后提交其中的报告文件")
        }
        if starts([0x7F, 0x45, 0x4C, 0x46]) {
            return Result(.unsupported, reason: "文件是Linux可执行程序（ELF），不是年度报告")
        }
        if starts(Array("MZ".utf8)) && b.count >= 64 {
            return Result(.unsupported, reason: "文件是Windows可执行程序（EXE/DLL），不是年度报告")
        }
        return nil
    }

    static func image(_ name: String) -> Result {
        Result(.unsupported, reason: "文件是\(name)图片，不是年度报告；如为扫描件，请提供文字版（需OCR）")
    }

    /// A ZIP: Word (`word/document.xml`) is DOCX; Excel, PowerPoint, OpenDocument and plain archives are not.
    static func zip(_ bytes: [UInt8]) -> Result {
        let names = ZIPDirectory.memberNames(bytes)
        if names.contains("word/document.xml") { return Result(.docx) }
        if names.contains(where: { $0.hasPrefix("xl/") }) {
            return Result(.unsupported, reason: "文件是Excel表格（XLSX），不是年度报告；请提交报告的Word、PDF或网页文件")
        }
        if names.contains(where: { $0.hasPrefix("ppt/") }) {
            return Result(.unsupported, reason: "文件是PowerPoint演示文稿（PPTX），不是年度报告")
        }
        if names.contains("mimetype") && names.contains("content.xml") {
            return Result(.unsupported, reason: "文件是OpenDocument（ODF）文档，暂不支持；请另存为Word（DOCX）或PDF后提交")
        }
        if names.isEmpty {
            return Result(.unsupported, reason: "文件是损坏或空的ZIP压缩包，无法读取")
        }
        return Result(.unsupported, reason: "文件是ZIP压缩包，不是年度报告；请解压后提交其中的报告文件")
    }

    /// True when the decoded start, after a BOM, white space, comments and an XML declaration, is markup a web
    /// page begins with.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        if startsWithMarkup(bytes) { return true }
        // Server-side junk, a long comment or stray text before the page: the page's own tags still show.
        // Only the `<`s of the window are looked at (most plain-text reports have none).
        return bytes.withUnsafeBufferPointer { all in
            let window = UnsafeBufferPointer(rebasing: all.prefix(sniffWindow))
            var i = 0
            let lessThan: [UInt8] = [UInt8(ascii: "<")]
            while let lt = lessThan.withUnsafeBufferPointer({ ByteSearch.find($0, in: window, from: i) }) {
                let rest = UnsafeBufferPointer(rebasing: window[(lt + 1)...])
                if startsCaseInsensitively(rest, with: "html") || startsCaseInsensitively(rest, with: "body")
                    || startsCaseInsensitively(rest, with: "!doctype html") {
                    return true
                }
                i = lt + 1
            }
            return false
        }
    }

    /// True when `bytes` starts with `lowercase` (ASCII), ignoring the case of letters.
    static func startsCaseInsensitively(_ bytes: UnsafeBufferPointer<UInt8>, with lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let literal = lowercase.utf8Start
        for k in 0..<count {
            let c = bytes[k]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != literal[k] { return false }
        }
        return true
    }

    /// True when the decoded start is a tag a web page begins with (see `looksLikeHTML`).
    static func startsWithMarkup(_ bytes: [UInt8]) -> Bool {
        var start = ArraySlice(bytes.prefix(sniffWindow))
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            // UTF-16: keep the low (ASCII) byte of every code unit.
            let le = start.first == 0xFF
            let units = Array(start.dropFirst(2))
            start = ArraySlice(stride(from: le ? 0 : 1, to: units.count, by: 2).map { units[$0] })
        }
        var i = start.startIndex
        let end = start.endIndex
        while i < end {
            let c = start[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { i += 1; continue }
            guard c == UInt8(ascii: "<") else { return false }
            let rest = start[(i + 1)...]
            if rest.starts(with: Array("!--".utf8)) {
                guard let close = search(Array("-->".utf8), in: rest) else { return false }
                i = close + 3
                continue
            }
            if rest.starts(with: Array("?".utf8)) {
                guard let close = rest.firstIndex(of: UInt8(ascii: ">")) else { return false }
                i = close + 1
                continue
            }
            if rest.starts(with: Array("%".utf8)) {
                // A JSP or ASP directive left in a saved page.
                guard let close = search(Array("%>".utf8), in: rest) else { return false }
                i = close + 2
                continue
            }
            let word = rest.prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for tag in htmlStarts {
                let t = Array(tag.utf8)
                guard word.starts(with: t) else { continue }
                let after = word.count > t.count ? word[t.count] : UInt8(ascii: ">")
                if tag == "!doctype" || !isNameByte(after) { return tag != "!doctype" || isHTMLDoctype(rest) }
            }
            return false
        }
        return false
    }

    /// The tags a saved web page (or a fragment of one) starts with.
    static let htmlStarts = ["!doctype", "html", "head", "body", "meta", "title", "table", "div", "p", "style",
                             "script", "link", "h1", "h2", "h3", "span", "center", "font", "base", "br", "section"]

    /// `<!DOCTYPE html …>` (and XHTML doctypes), not another XML document type.
    static func isHTMLDoctype(_ rest: ArraySlice<UInt8>) -> Bool {
        let head = rest.prefix(120).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return search(Array("html".utf8), in: head) != nil
    }

    static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":")
    }

    /// Many NUL or control bytes in the start (UTF-16 text without a BOM excepted).
    static func isBinaryJunk(_ bytes: [UInt8]) -> Bool {
        let control = bytes.withUnsafeBufferPointer { all in
            var control = 0
            for c in all.prefix(sniffWindow) where c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C && c != 0x1B {
                control += 1
            }
            return control
        }
        // Text has almost none; only then is it worth asking whether the NULs are UTF-16's.
        return control * 50 > min(bytes.count, sniffWindow) && TextDecoder.looksLikeUTF16(bytes) == nil
    }

    /// The index of the first occurrence of `needle` in `haystack` (within its first `limit` bytes).
    static func search<C: Collection<UInt8>>(_ needle: [UInt8], in haystack: C, limit: Int = .max) -> C.Index? {
        guard let first = needle.first else { return haystack.startIndex }
        // Arrays and their slices: `ByteSearch` over the bytes that a match starting in the limit can cover.
        if let found = haystack.withContiguousStorageIfAvailable({ h -> Int? in
            let covered = limit >= h.count ? h : UnsafeBufferPointer(rebasing: h.prefix(limit + needle.count - 1))
            return needle.withUnsafeBufferPointer { ByteSearch.find($0, in: covered, from: 0) }
        }) {
            return found.map { haystack.index(haystack.startIndex, offsetBy: $0) }
        }
        var i = haystack.startIndex
        var scanned = 0
        while i != haystack.endIndex && scanned < limit {
            if haystack[i] == first && haystack[i...].starts(with: needle) { return i }
            i = haystack.index(after: i)
            scanned += 1
        }
        return nil
    }
}
