import ReportModel

/// One line of the document's text, decoded and folded once, with its 1-based line number for findings.
struct SourceLine: Sendable {
    let number: Int
    /// The printed scalars.
    let raw: [Unicode.Scalar]
    /// The same scalars folded (`CharacterFolding.fold`), position for position.
    let folded: [Unicode.Scalar]
    /// `CharacterFolding.key` of the text: ideographs, letters and digits only.
    let key: String
    /// Where the line's bytes lie in the UTF-8 text it was split from.
    let utf8Range: Range<Int>

    /// The line as printed.
    var text: String { CharacterFolding.string(raw) }

    /// The text without surrounding white space, for quoting in findings.
    var trimmed: String { CharacterFolding.string(raw[trimmedRange]) }

    /// Where `trimmed` lies in the UTF-8 text the line was split from.
    var trimmedUTF8Range: Range<Int> {
        let t = trimmedRange
        var lo = utf8Range.lowerBound, hi = utf8Range.upperBound
        for k in 0..<t.lowerBound { lo += CharacterFolding.utf8Length(raw[k]) }
        for k in t.upperBound..<raw.count { hi -= CharacterFolding.utf8Length(raw[k]) }
        return lo..<max(lo, hi)
    }

    /// Where `trimmed` lies in `raw`.
    var trimmedRange: Range<Int> {
        var lo = 0, hi = raw.count
        while lo < hi && CellReader.isSpace(raw[lo]) { lo += 1 }
        while hi > lo && CellReader.isSpace(raw[hi - 1]) { hi -= 1 }
        return lo..<hi
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
        // Count the visible scalars before collecting them: most lines have more than twelve.
        var visible = 0
        for f in folded where !CharacterFolding.isSpaceScalar(f) {
            visible += 1
            if visible > 12 { return false }
        }
        guard visible > 0 else { return false }
        // The visible scalars, collected on the stack.
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: visible) { buffer in
            var k = 0
            for f in folded where !CharacterFolding.isSpaceScalar(f) {
                buffer.initializeElement(at: k, to: f)
                k += 1
            }
            return SourceLine.isPageNumber(visible: UnsafeBufferPointer(buffer))
        }
    }

    /// `isPageNumber` for the line's visible scalars (one to twelve).
    static func isPageNumber(visible s: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        func isDash(_ x: Unicode.Scalar) -> Bool { x == "-" || x == "—" || x == "–" || x == "−" || x == "·" }
        func isDigit(_ x: Unicode.Scalar) -> Bool { x.value >= 0x30 && x.value <= 0x39 }
        let first = s[0], last = s[s.count - 1]
        // -4- / — 4 —
        if isDash(first), isDash(last) {
            var inner = 0
            for x in s where !isDash(x) {
                guard isDigit(x) else { return false }
                inner += 1
            }
            return inner > 0 && inner <= 4
        }
        // 第4页, 第4页共6页
        if first == "第" && s.contains("页") {
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
        var text = text
        // The fold table is lent once for the whole text instead of being reached through the global at every scalar.
        return CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
            text.withUTF8 { split(utf8: $0, simplified: simplified) }
        }
    }

    /// `split` over the text's UTF-8 bytes (valid UTF-8, as every `String` holds): each line is decoded straight
    /// into arrays of its exact size, without going through a scalar view or a growing buffer.
    static func split(utf8 b: UnsafeBufferPointer<UInt8>, simplified: UnsafeBufferPointer<UInt32>) -> [SourceLine] {
        var lines: [SourceLine] = []
        var keyBytes: [UInt8] = []
        var newlines = 0
        for byte in b where byte == 0x0A { newlines += 1 }
        lines.reserveCapacity(newlines + 1)
        var number = 1
        var lineStart = 0, scalars = 0
        var previousWasCR = false
        var i = 0
        let n = b.count
        // Line breaks are found in the bytes: LF, CR and form feed are single bytes, U+0085 is C2 85, U+2028 and
        // U+2029 are E2 80 A8 and E2 80 A9; every other scalar is counted by its lead byte.
        while i < n {
            let byte = b[i]
            var width = 1
            var isBreak = false
            if byte < 0x80 {
                if byte == 0x0A && previousWasCR {
                    previousWasCR = false
                    i += 1
                    lineStart = i
                    continue
                }
                previousWasCR = byte == 0x0D
                isBreak = byte == 0x0A || byte == 0x0D || byte == 0x0C
            } else {
                previousWasCR = false
                if byte >= 0xF0 {
                    width = 4
                } else if byte >= 0xE0 {
                    width = 3
                    isBreak = byte == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9)
                } else if byte >= 0xC0 {
                    width = 2
                    isBreak = byte == 0xC2 && b[i + 1] == 0x85
                }
            }
            if isBreak {
                lines.append(SourceLine(number: number, utf8: b, range: lineStart..<i, scalarCount: scalars,
                                        keyBytes: &keyBytes, simplified: simplified))
                number += 1
                i += width
                lineStart = i
                scalars = 0
            } else {
                i += width
                scalars += 1
            }
        }
        if scalars > 0 {
            lines.append(SourceLine(number: number, utf8: b, range: lineStart..<n, scalarCount: scalars,
                                    keyBytes: &keyBytes, simplified: simplified))
        }
        return lines
    }

    /// A line from the valid UTF-8 bytes of the text in `range`, holding `scalarCount` scalars; `keyBytes` is scratch
    /// space. Decoding, folding (`CharacterFolding.fold`, through the flat table lent by `simplified`) and writing the
    /// key's bytes happen in one pass over pointers.
    init(number: Int, utf8 text: UnsafeBufferPointer<UInt8>, range: Range<Int>, scalarCount: Int,
         keyBytes: inout [UInt8], simplified: UnsafeBufferPointer<UInt32>) {
        self.number = number
        self.utf8Range = range
        let b = UnsafeBufferPointer(rebasing: text[range])
        // A folded scalar never takes more UTF-8 bytes than four per scalar.
        if keyBytes.count < scalarCount * 4 { keyBytes = [UInt8](repeating: 0, count: max(scalarCount * 4, 1024)) }
        var vocabulary = false
        var keyLength = 0
        var folded: [Unicode.Scalar] = []
        let raw = [Unicode.Scalar](unsafeUninitializedCapacity: scalarCount) { rawOut, rawCount in
            folded = [Unicode.Scalar](unsafeUninitializedCapacity: scalarCount) { foldedOut, foldedCount in
                keyBytes.withUnsafeMutableBufferPointer { key in
                    var i = 0, k = 0
                    while i < b.count {
                        let v = UTF8Scalar.decode(b, at: &i)
                        let scalar = unsafeBitCast(v, to: Unicode.Scalar.self)
                        (rawOut.baseAddress! + k).initialize(to: scalar)
                        let f = CharacterFolding.fold(scalar, simplified: simplified)
                        (foldedOut.baseAddress! + k).initialize(to: f)
                        if CharacterFolding.isKeyCharacter(f) {
                            CharacterFolding.write(f, to: key, at: &keyLength)
                            if f == "讯" || f == "档" { vocabulary = true }
                        }
                        k += 1
                    }
                }
                foldedCount = scalarCount
            }
            rawCount = scalarCount
        }
        self.raw = raw
        self.folded = folded
        let key = keyBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<keyLength]), as: UTF8.self) }
        self.key = vocabulary ? CharacterFolding.key(key) : key
    }
}
