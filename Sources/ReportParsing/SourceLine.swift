/// One line of the document's text, with its 1-based line number for findings.
struct SourceLine: Sendable {
    let number: Int
    let text: String
    /// `CharacterFolding.key` of the text: ideographs, letters and digits only.
    let key: String

    init(number: Int, text: String) {
        self.number = number
        self.text = text
        self.key = CharacterFolding.key(text)
    }

    /// The text without surrounding white space, for quoting in findings.
    var trimmed: String { CellReader.trimmed(text) }

    /// True for running page numbers ("-4-", "— 4 —", "第4页", "4/6") that interrupt tables.
    var isPageNumber: Bool {
        guard text.utf8.count <= 48 else { return false }
        let c = CharacterFolding.compact(text)
        guard !c.isEmpty, c.count <= 12 else { return false }
        let s = Array(c.unicodeScalars)
        func isDash(_ x: Unicode.Scalar) -> Bool { "-—–−·".unicodeScalars.contains(x) }
        func isDigit(_ x: Unicode.Scalar) -> Bool { x.value >= 0x30 && x.value <= 0x39 }
        // -4- / — 4 —
        if let f = s.first, let l = s.last, isDash(f), isDash(l) {
            let inner = s.filter { !isDash($0) }
            return !inner.isEmpty && inner.count <= 4 && inner.allSatisfy(isDigit)
        }
        // 第4页, 第4页共6页
        if c.hasPrefix("第") && c.contains("页") {
            return c.unicodeScalars.allSatisfy { isDigit($0) || "第页共".unicodeScalars.contains($0) }
        }
        // 4/6
        if let slash = s.firstIndex(of: "/"), slash > 0, slash < s.count - 1 {
            return s[..<slash].allSatisfy(isDigit) && s[(slash + 1)...].allSatisfy(isDigit) && s.count <= 7
        }
        return false
    }

    /// Splits text into lines on LF, CR LF, CR and form feed (pdftotext's page break).
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var copy = text
        copy.withUTF8 { bytes in
            var start = 0
            var i = 0
            var number = 1
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D || b == 0x0C {
                    let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    lines.append(SourceLine(number: number, text: line))
                    number += 1
                    if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            if start < bytes.count {
                lines.append(SourceLine(number: number, text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)))
            }
        }
        return lines
    }
}
