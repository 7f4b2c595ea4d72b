/// One line of the document's text, decoded and folded once, with its 1-based line number for findings.
struct SourceLine: Sendable {
    let number: Int
    /// The printed scalars.
    let raw: [Unicode.Scalar]
    /// The same scalars folded (`CharacterFolding.fold`), position for position.
    let folded: [Unicode.Scalar]
    /// `CharacterFolding.key` of the text: ideographs, letters and digits only.
    let key: String

    init(number: Int, raw: [Unicode.Scalar]) {
        self.number = number
        self.raw = raw
        var folded = raw
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count * 3)
        var vocabulary = false
        for i in raw.indices {
            let f = CharacterFolding.fold(raw[i])
            folded[i] = f
            if CharacterFolding.isKeyCharacter(f) {
                CharacterFolding.append(f, to: &bytes)
                if f == "讯" || f == "档" { vocabulary = true }
            }
        }
        self.folded = folded
        let key = String(decoding: bytes, as: UTF8.self)
        self.key = vocabulary ? CharacterFolding.key(key) : key
    }

    init(number: Int, text: String) {
        self.init(number: number, raw: Array(text.unicodeScalars))
    }

    /// The line as printed.
    var text: String { CharacterFolding.string(raw) }

    /// The text without surrounding white space, for quoting in findings.
    var trimmed: String {
        var lo = 0, hi = raw.count
        while lo < hi && CellReader.isSpace(raw[lo]) { lo += 1 }
        while hi > lo && CellReader.isSpace(raw[hi - 1]) { hi -= 1 }
        return CharacterFolding.string(raw[lo..<hi])
    }

    /// The folded text with white space removed (punctuation kept).
    var compact: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.count * 3)
        for f in folded where !CharacterFolding.isSpaceScalar(f) { CharacterFolding.append(f, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The printed text with white space removed (nothing folded), e.g. for the title.
    var printedCompact: String {
        CharacterFolding.string(raw.filter { !CellReader.isSpace($0) })
    }

    /// True for running page numbers ("-4-", "— 4 —", "第4页", "4/6") that interrupt tables.
    var isPageNumber: Bool {
        guard key.utf8.count <= 30 else { return false }
        let s = folded.filter { !CharacterFolding.isSpaceScalar($0) }
        guard !s.isEmpty, s.count <= 12 else { return false }
        func isDash(_ x: Unicode.Scalar) -> Bool { x == "-" || x == "—" || x == "–" || x == "−" || x == "·" }
        func isDigit(_ x: Unicode.Scalar) -> Bool { x.value >= 0x30 && x.value <= 0x39 }
        // -4- / — 4 —
        if let f = s.first, let l = s.last, isDash(f), isDash(l) {
            let inner = s.filter { !isDash($0) }
            return !inner.isEmpty && inner.count <= 4 && inner.allSatisfy(isDigit)
        }
        // 第4页, 第4页共6页
        if s.first == "第" && s.contains("页") {
            return s.allSatisfy { isDigit($0) || $0 == "第" || $0 == "页" || $0 == "共" }
        }
        // 4/6
        if let slash = s.firstIndex(of: "/"), slash > 0, slash < s.count - 1 {
            return s[..<slash].allSatisfy(isDigit) && s[(slash + 1)...].allSatisfy(isDigit) && s.count <= 7
        }
        return false
    }

    /// Splits text into lines on LF, CR LF, CR, form feed (pdftotext's page break) and Unicode line separators.
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var current: [Unicode.Scalar] = []
        var number = 1
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = s == "\r"
            if s == "\n" || s == "\r" || s == "\u{0C}" || s == "\u{2028}" || s == "\u{2029}" || s == "\u{85}" {
                lines.append(SourceLine(number: number, raw: current))
                current.removeAll(keepingCapacity: true)
                number += 1
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { lines.append(SourceLine(number: number, raw: current)) }
        return lines
    }
}
