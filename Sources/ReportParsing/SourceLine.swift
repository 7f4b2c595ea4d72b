import ReportModel

/// One line of the document's text, with its 1-based line number for findings.
///
/// A line is two ranges into the `SplitDocument` its lines share: its UTF-8 bytes and its key's bytes. The key as
/// a `String` is made from those bytes when asked for, and so are the scalars of prose lines (lines with a full
/// stop, which are never table rows): read `raw`, `folded` and `key` once per line into a local, not in a loop.
struct SourceLine: Sendable {
    let number: Int
    /// Where the line's bytes lie in the UTF-8 text it was split from (`document.utf8`).
    let utf8Range: Range<Int>
    /// Where the line's key lies in `document.keys`.
    let keyRange: Range<Int>
    /// How many scalars the line has.
    let scalarCount: Int
    /// True when folding changes none of the line's scalars (`folded` is `raw`).
    let foldsToItself: Bool
    /// The text and keys the line is a part of.
    let document: SplitDocument
    /// The printed scalars, decoded when the line was made; nil for prose lines.
    private let decodedRaw: [Unicode.Scalar]?

    init(number: Int, utf8Range: Range<Int>, keyRange: Range<Int>, scalarCount: Int, foldsToItself: Bool,
         document: SplitDocument, decodeNow: Bool) {
        self.number = number
        self.utf8Range = utf8Range
        self.keyRange = keyRange
        self.scalarCount = scalarCount
        self.foldsToItself = foldsToItself
        self.document = document
        decodedRaw = decodeNow ? Self.decode(document.utf8, utf8Range, count: scalarCount) : nil
    }

    /// The printed scalars.
    var raw: [Unicode.Scalar] { decodedRaw ?? Self.decode(document.utf8, utf8Range, count: scalarCount) }

    /// The `count` scalars of the UTF-8 bytes `range`.
    private static func decode(_ utf8: [UInt8], _ range: Range<Int>, count n: Int) -> [Unicode.Scalar] {
        utf8.withUnsafeBufferPointer { b in
            [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
                var i = range.lowerBound, k = 0
                let end = range.upperBound
                while i < end && k < n {
                    out[k] = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                    k += 1
                }
                count = k
            }
        }
    }

    /// The same scalars folded (`CharacterFolding.fold`), position for position.
    var folded: [Unicode.Scalar] {
        if foldsToItself { return raw }
        return CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
            document.utf8.withUnsafeBufferPointer { b in
                [Unicode.Scalar](unsafeUninitializedCapacity: scalarCount) { out, count in
                    var i = utf8Range.lowerBound, k = 0
                    let end = utf8Range.upperBound, n = scalarCount
                    while i < end && k < n {
                        let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                        out[k] = CharacterFolding.fold(s, simplified: simplified)
                        k += 1
                    }
                    count = k
                }
            }
        }
    }

    /// `CharacterFolding.key` of the text: ideographs, letters and digits only.
    var key: String {
        keyRange.isEmpty ? "" : document.keys.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[keyRange]), as: UTF8.self)
        }
    }

    /// The number of UTF-8 bytes of `key`.
    var keyByteCount: Int { keyRange.count }

    /// True when `key` contains the bytes of `needle`.
    @inline(__always)
    func keyContains(_ needle: [UInt8]) -> Bool { document.key(keyRange, contains: needle) }

    /// The number of scalars of `key` (every key character is one scalar).
    var keyScalarCount: Int {
        document.keys.withUnsafeBufferPointer { k in
            var n = 0
            for i in keyRange where k[i] & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// The line as printed.
    var text: String { document.string(utf8Range) }

    /// The text without surrounding white space, for quoting in findings.
    var trimmed: String { document.string(trimmedUTF8Range) }

    /// Where `trimmed` lies in the UTF-8 text the line was split from.
    var trimmedUTF8Range: Range<Int> { trimmedBounds().bytes }

    /// Where `trimmed` lies in `raw`.
    var trimmedRange: Range<Int> { trimmedBounds().scalars }

    /// The trimmed text's bounds in bytes and in scalars: white space is `CellReader.isSpace`.
    private func trimmedBounds() -> (bytes: Range<Int>, scalars: Range<Int>) {
        document.utf8.withUnsafeBufferPointer { b in
            var lo = utf8Range.lowerBound, hi = utf8Range.upperBound
            var first = 0, last = scalarCount
            while lo < hi {
                let w = Self.spaceWidth(b, at: lo)
                if w == 0 { break }
                lo += w
                first += 1
            }
            while hi > lo {
                let w = Self.spaceWidth(b, endingAt: hi)
                if w == 0 { break }
                hi -= w
                last -= 1
            }
            return (lo..<hi, first..<max(first, last))
        }
    }

    /// The byte length of the scalar at `i` when it is white space (`CellReader.isSpace`), else 0.
    @inline(__always)
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0D, 0x0A: return 1
        case 0xC2: return b[i + 1] == 0xA0 ? 2 : 0
        case 0xE3: return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
        case 0xEF: return b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : 0
        default: return 0
        }
    }

    /// The byte length of the scalar that ends just before `end` when it is white space (`CellReader.isSpace`),
    /// else 0. A trailing byte of A0, 80 or BF is a continuation byte, so the lead is found where it must be.
    @inline(__always)
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int {
        switch b[end - 1] {
        case 0x20, 0x09, 0x0D, 0x0A: return 1
        case 0xA0: return b[end - 2] == 0xC2 ? 2 : 0
        case 0x80: return b[end - 3] == 0xE3 && b[end - 2] == 0x80 ? 3 : 0
        case 0xBF: return b[end - 3] == 0xEF && b[end - 2] == 0xBB ? 3 : 0
        default: return 0
        }
    }

    /// The folded text with white space removed (punctuation kept).
    var compact: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8Range.count)
        for f in folded where !CharacterFolding.isSpaceScalar(f) { CharacterFolding.append(f, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The printed text with white space removed (nothing folded), e.g. for the title.
    var printedCompact: String {
        CharacterFolding.string(raw.filter { !CellReader.isSpace($0) })
    }

    /// True when the line has no key and every scalar folds to white space (`CharacterFolding.isSpaceScalar`).
    var isBlank: Bool {
        guard keyRange.isEmpty else { return false }
        return CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
            document.utf8.withUnsafeBufferPointer { b in
                var i = utf8Range.lowerBound
                let end = utf8Range.upperBound
                while i < end {
                    let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                    if !CharacterFolding.isSpaceScalar(CharacterFolding.fold(s, simplified: simplified)) { return false }
                }
                return true
            }
        }
    }

    /// How many folded scalars are not white space (`CharacterFolding.isSpaceScalar`), and whether all of those are
    /// plain (`OutlineReader.isPlain`).
    func visibleFoldedScalars() -> (count: Int, plain: Bool) {
        var visible = 0, plain = true
        forEachVisibleFoldedScalar { f in
            visible += 1
            if !OutlineReader.isPlain(f) { plain = false }
            return true
        }
        return (visible, plain)
    }

    /// Calls `body` with each folded scalar of the printed text that is not white space, until it returns false;
    /// false when `body` stopped the walk.
    @inline(__always)
    @discardableResult
    func forEachVisibleFoldedScalar(_ body: (Unicode.Scalar) -> Bool) -> Bool {
        CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
            document.utf8.withUnsafeBufferPointer { b in
                var i = utf8Range.lowerBound
                let end = utf8Range.upperBound
                while i < end {
                    let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                    let f = CharacterFolding.fold(s, simplified: simplified)
                    if CharacterFolding.isSpaceScalar(f) { continue }
                    if !body(f) { return false }
                }
                return true
            }
        }
    }

    /// True when the printed text contains the ASCII byte `byte`.
    func contains(ascii byte: UInt8) -> Bool {
        document.utf8.withUnsafeBufferPointer { b in
            for i in utf8Range where b[i] == byte { return true }
            return false
        }
    }

    /// True for running page numbers ("-4-", "— 4 —", "第4页", "4/6") that interrupt tables.
    var isPageNumber: Bool {
        guard keyRange.count <= 30 else { return false }
        // The visible folded scalars, at most twelve, collected on the stack.
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 12) { buffer in
            var visible = 0
            let whole = forEachVisibleFoldedScalar { f in
                // Every page number starts with a dash, 第 or a digit.
                if visible == 0 && !Self.mayStartPageNumber(f) { return false }
                if visible == 12 { return false }
                buffer.initializeElement(at: visible, to: f)
                visible += 1
                return true
            }
            guard whole, visible > 0 else { return false }
            return SourceLine.isPageNumber(visible: UnsafeBufferPointer(rebasing: buffer[0..<visible]))
        }
    }

    /// True for the scalars `isPageNumber(visible:)` can accept first: a dash, 第 or an ASCII digit.
    @inline(__always)
    static func mayStartPageNumber(_ f: Unicode.Scalar) -> Bool {
        switch f {
        case "-", "—", "–", "−", "·", "第", "0"..."9": true
        default: false
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
        var counts = TextSanity.Counts()
        return split(text, counting: &counts)
    }

    /// `split`, also counting the text's control characters, ideographs and scalars as `TextSanity.counts` does.
    static func split(_ text: String, counting counts: inout TextSanity.Counts) -> [SourceLine] {
        let utf8 = Array(text.utf8)
        // A key never takes more bytes than the text it is made from.
        var records: [Record] = []
        var found = TextSanity.Counts()
        let keys = [UInt8](unsafeUninitializedCapacity: utf8.count) { out, keyCount in
            (records, keyCount, found) = utf8.withUnsafeBufferPointer { b in
                CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
                    scan(b, simplified: simplified, keys: out)
                }
            }
        }
        counts = found
        let document = SplitDocument(text: text, utf8: utf8, keys: keys)
        return [SourceLine](unsafeUninitializedCapacity: records.count) { out, count in
            for (i, r) in records.enumerated() {
                (out.baseAddress! + i).initialize(to: SourceLine(
                    number: i + 1, utf8Range: r.utf8, keyRange: r.key, scalarCount: r.scalars,
                    foldsToItself: r.foldsToItself, document: document, decodeNow: r.scalars > 0 && !r.hasFullStop))
            }
            count = records.count
        }
    }

    /// Where one line lies, as `scan` finds it.
    struct Record {
        var utf8: Range<Int>
        var key: Range<Int>
        var scalars: Int
        var foldsToItself: Bool
        /// The line has a 。 (U+3002).
        var hasFullStop: Bool
    }

    /// `split` over the text's UTF-8 bytes (valid UTF-8, as every `String` holds), in one pass that finds the
    /// line breaks and writes every line's key into `keys`; returns the lines, the length of the keys, and the
    /// counts `TextSanity` needs.
    ///
    /// Line breaks are found in the bytes: LF, CR and form feed are single bytes, U+0085 is C2 85, U+2028 and
    /// U+2029 are E2 80 A8 and E2 80 A9. Key characters are folded on the bytes: ASCII letters and digits are
    /// copied, full-width ones (EF BC 90 …) become ASCII, ideographs of the main block are looked up in the flat
    /// table of simplified forms, those of extension A and 〇 are copied. Nothing else is a key character: every
    /// entry of `TraditionalCharacters.map` lies in the main block, and folding to a space makes no key. All state
    /// is in local variables, so that stores through `keys` do not make the compiler reload it.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, simplified: UnsafeBufferPointer<UInt32>,
                     keys out: UnsafeMutableBufferPointer<UInt8>)
        -> (records: [Record], keyCount: Int, counts: TextSanity.Counts) {
        let n = b.count
        var records: [Record] = []
        // Reports average one line per 40 to 60 bytes; more lines only grow the array.
        records.reserveCapacity(n / 32 + 16)
        var k = 0, keyStart = 0
        var vocabulary = false, foldsToItself = true, fullStop = false
        var lineStart = 0, scalars = 0
        var previousWasCR = false
        var i = 0
        var control = 0, ideographs = 0, total = 0
        while i < n {
            let byte = b[i]
            total &+= 1
            // The width of a line break found at i, 0 when there is none.
            var breakWidth = 0
            if byte < 0x80 {
                if byte == 0x0A && previousWasCR {
                    previousWasCR = false
                    i += 1
                    lineStart = i
                    continue
                }
                previousWasCR = byte == 0x0D
                if byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    breakWidth = 1
                } else {
                    if byte < 0x20 && byte != 0x09 || byte == 0x7F { control &+= 1 }
                    // ASCII letters and digits: (byte | 0x20) puts capitals onto small letters.
                    let lower = byte | 0x20
                    if (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                        out[k] = byte
                        k += 1
                    }
                    i += 1
                    scalars += 1
                    continue
                }
            } else {
                previousWasCR = false
                if byte >= 0xF0 {
                    i += 4
                    scalars += 1
                    continue
                } else if byte >= 0xE0 {
                    let b1 = b[i + 1], b2 = b[i + 2]
                    let v = UInt32(byte & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                    if v >= 0x4E00 && v <= 0x9FFF {
                        ideographs &+= 1
                        let simple = simplified[Int(v &- 0x4E00)]
                        if simple == 0 {
                            out[k] = byte
                            out[k + 1] = b1
                            out[k + 2] = b2
                            if v == 0x8BAF || v == 0x6863 { vocabulary = true }  // 讯, 档
                        } else {
                            out[k] = UInt8(truncatingIfNeeded: 0xE0 | (simple >> 12))
                            out[k + 1] = UInt8(truncatingIfNeeded: 0x80 | ((simple >> 6) & 0x3F))
                            out[k + 2] = UInt8(truncatingIfNeeded: 0x80 | (simple & 0x3F))
                            if simple == 0x8BAF || simple == 0x6863 { vocabulary = true }
                            foldsToItself = false
                        }
                        k += 3
                    } else if v >= 0xFF01 && v <= 0xFF5E {
                        // Full-width ASCII; its digits and letters are key characters.
                        let a = v &- 0xFEE0
                        let lower = a | 0x20
                        if (a >= 0x30 && a <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                            out[k] = UInt8(truncatingIfNeeded: a)
                            k += 1
                        }
                        foldsToItself = false
                    } else if (v >= 0x3400 && v <= 0x4DBF) || v == 0x3007 {
                        if v != 0x3007 { ideographs &+= 1 }
                        out[k] = byte
                        out[k + 1] = b1
                        out[k + 2] = b2
                        k += 3
                    } else if v == 0x3002 {
                        fullStop = true
                    } else if v == 0x2028 || v == 0x2029 {
                        breakWidth = 3
                    } else if v == 0x3000 || v == 0x2002 || v == 0x2003 || v == 0x2009 {
                        foldsToItself = false
                    }
                    if breakWidth == 0 {
                        i += 3
                        scalars += 1
                        continue
                    }
                } else if byte >= 0xC0 {
                    let b1 = b[i + 1]
                    if byte == 0xC2 && b1 >= 0x80 && b1 < 0xA0 { control &+= 1 }  // U+0080–U+009F
                    if byte == 0xC2 && b1 == 0x85 {
                        breakWidth = 2
                    } else {
                        if byte == 0xC2 && b1 == 0xA0 { foldsToItself = false }
                        i += 2
                        scalars += 1
                        continue
                    }
                } else {
                    i += 1
                    scalars += 1
                    continue
                }
            }
            // A line ends before i.
            if vocabulary {
                CharacterFolding.replaceVocabulary(in: UnsafeMutableBufferPointer(rebasing: out[keyStart..<k]))
                vocabulary = false
            }
            records.append(Record(utf8: lineStart..<i, key: keyStart..<k, scalars: scalars,
                                  foldsToItself: foldsToItself, hasFullStop: fullStop))
            keyStart = k
            scalars = 0
            foldsToItself = true
            fullStop = false
            i += breakWidth
            lineStart = i
        }
        if scalars > 0 {
            if vocabulary {
                CharacterFolding.replaceVocabulary(in: UnsafeMutableBufferPointer(rebasing: out[keyStart..<k]))
            }
            records.append(Record(utf8: lineStart..<n, key: keyStart..<k, scalars: scalars,
                                  foldsToItself: foldsToItself, hasFullStop: fullStop))
        }
        return (records, k, TextSanity.Counts(control: control, ideographs: ideographs, total: total))
    }
}
