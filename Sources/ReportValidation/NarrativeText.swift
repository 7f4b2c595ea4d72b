import ReportModel

/// A section's text prepared for cheap scanning: Unicode scalar values without spaces or line breaks, and
/// full-width digits made ASCII.
///
/// PDF text breaks lines inside words ("答\n复"), so blanks are dropped; a blank between two digits becomes
/// one space, so that "3 0 0" never reads as 300; an empty line (a paragraph or a heading ends) becomes
/// U+2029, which ends a sentence.
struct NarrativeText {
    typealias Phrase = [UInt32]

    let scalars: [UInt32]

    init(_ text: String) {
        var text = text
        scalars = text.withUTF8(Self.decode)
    }

    /// Decodes UTF-8 (valid: it comes from a String), dropping blanks and folding full-width digits.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return [] }
        let end = bytes.count
        return [UInt32](unsafeUninitializedCapacity: end) { buffer, count in
            let out = buffer.baseAddress!
            var n = 0
            var i = 0
            var blank = false
            var newlines = 0
            while i < end {
                let b0 = UInt32(p[i])
                var v: UInt32
                if b0 >= 0xE0, b0 < 0xF0 {  // most of a Chinese text
                    v = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                    i += 3
                    // U+4000–U+9FFF (leads E4–E9) after a visible scalar: an ideograph, kept as it is.
                    if !blank, b0 &- 0xE4 <= 5 {
                        out[n] = v
                        n += 1
                        continue
                    }
                } else if b0 < 0x80 {
                    v = b0
                    i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                    i += 2
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                        | UInt32(p[i + 3] & 0x3F)
                    i += 4
                }
                if !blank, v > 0x20, v != 0xA0, v != 0x3000, v &- 0xFF10 > 9 {  // nothing to fold
                    out[n] = v
                    n += 1
                    continue
                }
                switch v {
                case 0x0A:
                    newlines += 1
                    blank = true
                    continue
                case 0x09, 0x0B...0x0D, 0x20, 0xA0, 0x3000:
                    blank = true
                    continue
                case 0xFF10...0xFF19:
                    v = v - 0xFF10 + 0x30
                default:
                    break
                }
                if newlines > 1, n > 0 {
                    out[n] = paragraphBreak  // fits: at least two newline bytes were dropped
                    n += 1
                } else if blank, isDigit(v), n > 0, isDigit(out[n - 1]) {
                    out[n] = 0x20  // fits: at least one blank byte was dropped
                    n += 1
                }
                blank = false
                newlines = 0
                out[n] = v
                n += 1
            }
            count = n
        }
    }

    var count: Int { scalars.count }

    subscript(i: Int) -> UInt32 { i >= 0 && i < scalars.count ? scalars[i] : 0 }

    /// The phrase for a literal: `NarrativeText.phrase("申请")`.
    static func phrase(_ s: String) -> Phrase { s.unicodeScalars.map(\.value) }

    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// True for CJK ideographs (basic block, extension A and B, compatibility ideographs).
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    /// True when `phrase` starts at `i`.
    func has(_ phrase: Phrase, at i: Int) -> Bool {
        guard i >= 0, i + phrase.count <= scalars.count else { return false }
        for k in phrase.indices where scalars[i + k] != phrase[k] { return false }
        return true
    }

    /// True when `phrase` ends just before `end`.
    func has(_ phrase: Phrase, endingAt end: Int) -> Bool { has(phrase, at: end - phrase.count) }

    /// The first phrase of the list that starts at `i`.
    func first(of phrases: [Phrase], at i: Int) -> Phrase? { phrases.first { has($0, at: i) } }

    /// The first phrase of the list that ends just before `end`.
    func first(of phrases: [Phrase], endingAt end: Int) -> Phrase? { phrases.first { has($0, endingAt: end) } }

    /// True when any of the phrases occurs inside `range`.
    func contains(any phrases: [Phrase], in range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for i in range {
            let v = scalars[i]
            for p in phrases where p[0] == v && i + p.count <= range.upperBound && has(p, at: i) { return true }
        }
        return false
    }

    /// The last occurrence inside `range` of any of the phrases: its start and the phrase.
    func last(of phrases: [Phrase], in range: Range<Int>) -> (start: Int, phrase: Phrase)? {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            let v = scalars[i]
            for p in phrases where p[0] == v && i + p.count <= range.upperBound && has(p, at: i) { return (i, p) }
            i -= 1
        }
        return nil
    }

    /// Skips scalars of `filler` from `i`, at most `limit` of them; returns where the rest starts.
    func skip(_ filler: ScalarSet, from i: Int, limit: Int) -> Int {
        var j = i
        while j < scalars.count, j - i < limit, filler.contains(scalars[j]) { j += 1 }
        return j
    }

    /// A whole number of ASCII digits starting at `i` ("3,119" allowed), and where it ends.
    func number(at i: Int) -> (value: Int64, end: Int)? {
        guard Self.isDigit(self[i]), !Self.isDigit(self[i - 1]) else { return nil }
        var j = i
        var value: Int64 = 0
        var digits = 0
        while j < scalars.count {
            let v = scalars[j]
            if Self.isDigit(v) {
                guard digits < 15 else { return nil }
                value = value * 10 + Int64(v - 0x30)
                digits += 1
                j += 1
            } else if v == 0x2C, Self.isDigit(self[j + 1]), Self.isDigit(self[j + 2]), Self.isDigit(self[j + 3]),
                      !Self.isDigit(self[j + 4]) {
                j += 1  // thousands separator
            } else {
                break
            }
        }
        return (value, j)
    }

    /// A whole number of ASCII digits that ends just before `end`, and where it starts.
    func number(endingAt end: Int) -> (value: Int64, start: Int)? {
        var start = end
        while Self.isDigit(self[start - 1]) { start -= 1 }
        guard start < end, let parsed = number(at: start), parsed.end == end else { return nil }
        return (parsed.value, start)
    }

    /// Scalars that end a clause: ，。；：！？、 brackets, and their ASCII forms.
    static let clauseBreaks = ScalarSet("，。；：！？（）()【】,;:!?\u{2029}")
    /// Scalars that end a sentence.
    static let sentenceBreaks = ScalarSet("。；！？;!?\u{2029}")

    /// What an empty line becomes.
    static let paragraphBreak: UInt32 = 0x2029

    /// The clause or sentence that holds index `i`, bounded by `breaks`, and by at most `maxSpan` scalars
    /// on either side (so that text without punctuation cannot make scanning quadratic).
    func span(around i: Int, breaks: ScalarSet) -> Range<Int> {
        let ceiling = min(scalars.count, i + Self.maxSpan)
        let start = spanStart(before: i, breaks: breaks)
        var end = min(i, scalars.count)
        while end < ceiling, !breaks.contains(scalars[end]) { end += 1 }
        return start..<end
    }

    /// Where the clause or sentence that holds index `i` starts (see `span(around:breaks:)`).
    func spanStart(before i: Int, breaks: ScalarSet) -> Int {
        let floor = max(0, i - Self.maxSpan)
        var start = min(i, scalars.count)
        while start > floor, !breaks.contains(scalars[start - 1]) { start -= 1 }
        return start
    }

    /// The longest stretch either side of a position that `span(around:breaks:)` looks at.
    static let maxSpan = 200

    /// The text of a range, for quoting in a message (an empty line shows as a space).
    func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars[range] {
            if v == Self.paragraphBreak {
                s.append(" ")
            } else if let scalar = Unicode.Scalar(v) {
                s.append(scalar)
            }
        }
        return String(s)
    }

    /// True when `text` has at least `count` CJK ideographs (as `cjkCount` counts them: preparing the text drops
    /// and folds no ideograph), read from its UTF-8 bytes only as far as needed.
    static func hasCJK(atLeast count: Int, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var seen = 0, i = 0
            while i < b.count && seen < count {
                if isCJK(UTF8Scalar.decode(b, at: &i)) { seen += 1 }
            }
            return seen >= count
        }
    }

    /// How many CJK ideographs the text has.
    var cjkCount: Int { scalars.reduce(0) { $0 + (Self.isCJK($1) ? 1 : 0) } }
}
