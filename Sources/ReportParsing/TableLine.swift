/// A line of a table region, split into its label (the text before the numbers) and its printed values.
///
/// The label's matching key is not kept per line: the keys of a region's lines are written one after another into
/// one buffer of scalars (`read`), and each line names its part of it.
struct TableLine: Sendable {
    let number: Int
    /// The line as printed, trimmed: its scalars, made into text only when a finding quotes the line.
    let sourceScalars: ArraySlice<Unicode.Scalar>
    /// Where the label's key (`CharacterFolding.key` of the label text) lies in the region's key buffer.
    let keyRange: Range<Int>
    /// Printed values in order; "" is a blank cell between delimiters.
    let values: [String]
    /// Blank delimited cells between the label and the first value (padding or blank cells).
    let leadingBlanks: Int
    /// Blank delimited cells after the last value (padding or blank cells).
    let trailingBlanks: Int
    /// True when cells were separated by tabs or pipes, so blank cells are visible.
    let delimited: Bool

    /// Buffers one region's lines are split in, reused from line to line instead of made for every line.
    struct Scratch {
        var fields: [Range<Int>] = []
        var split: [Range<Int>] = []
        var words: [Range<Int>] = []
        var pieces: [Range<Int>] = []
        var compact: [Unicode.Scalar] = []
    }

    /// The table lines of a region (`parse` for each line, one scratch for all) and the buffer their keys lie in.
    static func read(_ lines: ArraySlice<SourceLine>) -> (lines: [TableLine], keys: [Unicode.Scalar]) {
        var scratch = Scratch()
        var out: [TableLine] = []
        var keys: [Unicode.Scalar] = []
        out.reserveCapacity(lines.count)
        keys.reserveCapacity(lines.count * 16)
        for line in lines {
            if let t = parse(line, keys: &keys, scratch: &scratch) { out.append(t) }
        }
        return (out, keys)
    }

    /// Splits a source line into label and values; nil for page numbers, rules and narrative sentences. The
    /// line is split in the scratch buffers and its key appended to `keys` (nothing is left there for nil).
    static func parse(_ line: SourceLine, keys: inout [Unicode.Scalar], scratch: inout Scratch) -> TableLine? {
        if line.isPageNumber { return nil }
        return line.folded.withUnsafeBufferPointer { folded in
            line.raw.withUnsafeBufferPointer { raw in
                parse(line, folded: folded, raw: raw, keys: &keys, scratch: &scratch)
            }
        }
    }

    /// `parse` over the line's folded and printed scalars, lent as buffers.
    private static func parse(_ line: SourceLine, folded: UnsafeBufferPointer<Unicode.Scalar>,
                              raw: UnsafeBufferPointer<Unicode.Scalar>, keys: inout [Unicode.Scalar],
                              scratch: inout Scratch) -> TableLine? {
        var visible = false, onlyRules = true, delimited = false
        // One switch per scalar: "。" ends the question, tabs and pipes delimit, white space is skipped, and anything
        // else is visible and, unless one of the characters rules are drawn with (`|-:+=─━_—`), more than a rule.
        for f in folded {
            switch f.value {
            case 0x3002: return nil
            case 0x09:
                delimited = true
            case 0x7C:
                delimited = true
                visible = true
            case 0x20, 0x0D, 0x0A, 0xFEFF:
                continue
            case 0x2D, 0x3A, 0x2B, 0x3D, 0x5F, 0x2500, 0x2501, 0x2014:
                visible = true
            default:
                visible = true
                onlyRules = false
            }
        }
        if !visible || onlyRules { return nil }
        scratch.split.removeAll(keepingCapacity: true)
        if delimited {
            fields(folded, into: &scratch.split, fields: &scratch.fields, words: &scratch.words, compact: &scratch.compact)
        } else {
            words(folded, in: 0..<folded.count, into: &scratch.split)
        }
        scratch.pieces.removeAll(keepingCapacity: true)
        for piece in scratch.split { unglue(folded, piece, into: &scratch.pieces, compact: &scratch.compact) }
        let pieceCount = scratch.pieces.count

        var leading = 0
        var index = 0
        // Label: text pieces (and padding blanks) before the first value.
        while index < pieceCount {
            let p = scratch.pieces[index]
            if p.isEmpty {
                leading += 1
            } else if isValue(folded, p, compact: &scratch.compact) {
                break
            } else {
                leading = 0
            }
            index += 1
        }
        // The blank pieces among them are empty ranges and add nothing to the key.
        let keyStart = keys.count
        appendKey(folded, scratch.pieces[0..<index], to: &keys)
        let keyRange = keyStart..<keys.count
        let source = line.raw[line.trimmedRange]
        if index == pieceCount {
            // No values: a label-only line; blank delimited cells after the label are kept (a row left empty).
            return TableLine(number: line.number, sourceScalars: source, keyRange: keyRange, values: [],
                             leadingBlanks: 0, trailingBlanks: delimited ? leading : 0, delimited: delimited)
        }
        var end = pieceCount
        var trailing = 0
        while end > index, scratch.pieces[end - 1].isEmpty {
            end -= 1
            trailing += 1
        }
        if !delimited {
            // Words after the numbers make a sentence, not a table row (unless cells are delimited).
            var sentence = keyRange.count > 60
            if !sentence {
                for k in index..<end where !isValue(folded, scratch.pieces[k], compact: &scratch.compact) {
                    sentence = true
                    break
                }
            }
            if sentence {
                keys.removeSubrange(keyStart...)
                return nil
            }
        }
        var values: [String] = []
        values.reserveCapacity(end - index)
        for k in index..<end {
            let piece = scratch.pieces[k]
            // A single ASCII digit (most printed values) is one of ten texts made once.
            if piece.count == 1, case let v = raw[piece.lowerBound].value, v >= 0x30 && v <= 0x39 {
                values.append(TableLine.digitTexts[Int(v - 0x30)])
            } else {
                values.append(CharacterFolding.string(raw[piece]))
            }
        }
        return TableLine(number: line.number, sourceScalars: source, keyRange: keyRange, values: values,
                         leadingBlanks: leading, trailingBlanks: trailing, delimited: delimited)
    }

    /// "0" … "9".
    static let digitTexts: [String] = (0..<10).map { String($0) }

    /// True for the scalars a not-applicable marker or a signed number may start with (`-−+/—―─无不nN\×…`).
    @inline(__always)
    static func isMarkerStart(_ f: Unicode.Scalar) -> Bool {
        switch f {
        case "-", "−", "+", "/", "—", "―", "─", "无", "不", "n", "N", "\\", "×", "…": true
        default: false
        }
    }

    /// Appends the matching key of the label pieces (`CharacterFolding.key`: their key characters, with the
    /// Taiwan-style vocabulary replaced).
    static func appendKey(_ folded: UnsafeBufferPointer<Unicode.Scalar>, _ ranges: ArraySlice<Range<Int>>,
                          to keys: inout [Unicode.Scalar]) {
        let start = keys.count
        var vocabulary = false
        for r in ranges {
            for i in r {
                let f = folded[i]
                guard CharacterFolding.isKeyCharacter(f) else { continue }
                keys.append(f)
                if f == "讯" || f == "档" { vocabulary = true }
            }
        }
        guard vocabulary else { return }
        let key = CharacterFolding.key(CharacterFolding.string(keys[start...]))
        keys.removeSubrange(start...)
        keys.append(contentsOf: key.unicodeScalars)
    }

    /// The line as printed, trimmed, for quoting in findings.
    var source: String { CharacterFolding.string(sourceScalars) }

    /// True when the piece (a range of folded scalars) is a number or a not-applicable marker; `compact` is a
    /// reused buffer.
    static func isValue(_ folded: UnsafeBufferPointer<Unicode.Scalar>, _ r: Range<Int>,
                        compact: inout [Unicode.Scalar]) -> Bool {
        var first: Unicode.Scalar?
        var spaced = false
        for i in r {
            if CharacterFolding.isSpaceScalar(folded[i]) {
                spaced = true
            } else if first == nil {
                first = folded[i]
            }
        }
        guard let first else { return false }
        // Cheap rejection before building anything: values start with a digit, a sign or a marker.
        if CellReader.digit(first) == nil && !isMarkerStart(first) { return false }
        compact.removeAll(keepingCapacity: true)
        if spaced {
            for i in r where !CharacterFolding.isSpaceScalar(folded[i]) { compact.append(folded[i]) }
        } else {
            compact.append(contentsOf: folded[r])
        }
        return CellReader.isValueLike(compact[...])
    }

    /// Tab- or pipe-separated fields (trimmed ranges; empty for blank cells), the empty field outside a leading or
    /// trailing pipe dropped; a field holding several numbers separated by spaces becomes several cells.
    /// They are appended to `out`; `fields`, `words` and `compact` are reused buffers.
    static func fields(_ folded: UnsafeBufferPointer<Unicode.Scalar>, into out: inout [Range<Int>],
                       fields: inout [Range<Int>], words wordBuffer: inout [Range<Int>],
                       compact: inout [Unicode.Scalar]) {
        fields.removeAll(keepingCapacity: true)
        var start = 0
        for i in 0...folded.count where i == folded.count || folded[i] == "\t" || folded[i] == "|" {
            fields.append(trim(folded, start..<i))
            start = i + 1
        }
        let firstVisible = folded.first { !CharacterFolding.isSpaceScalar($0) }
        let lastVisible = folded.last { !CharacterFolding.isSpaceScalar($0) }
        var lo = 0, hi = fields.count
        if firstVisible == "|", hi > lo, fields[lo].isEmpty { lo += 1 }
        if lastVisible == "|", hi > lo, fields[hi - 1].isEmpty { hi -= 1 }
        for k in lo..<hi {
            let f = fields[k]
            // Only a field with white space inside (fields are trimmed) can hold several numbers.
            var spaced = false
            for i in f where CharacterFolding.isSpaceScalar(folded[i]) {
                spaced = true
                break
            }
            guard spaced else {
                out.append(f)
                continue
            }
            wordBuffer.removeAll(keepingCapacity: true)
            words(folded, in: f, into: &wordBuffer)
            var allValues = wordBuffer.count > 1
            if allValues {
                for w in wordBuffer where !isValue(folded, w, compact: &compact) {
                    allValues = false
                    break
                }
            }
            if allValues {
                out.append(contentsOf: wordBuffer)
            } else {
                out.append(f)
            }
        }
    }

    /// The range without white space at either end (an empty range at its start when blank).
    static func trim(_ folded: UnsafeBufferPointer<Unicode.Scalar>, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && CharacterFolding.isSpaceScalar(folded[lo]) { lo += 1 }
        while hi > lo && CharacterFolding.isSpaceScalar(folded[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// White-space separated words within a range, appended to `out`.
    static func words(_ folded: UnsafeBufferPointer<Unicode.Scalar>, in r: Range<Int>, into out: inout [Range<Int>]) {
        var start = -1
        for i in r {
            if CharacterFolding.isSpaceScalar(folded[i]) {
                if start >= 0 { out.append(start..<i); start = -1 }
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { out.append(start..<r.upperBound) }
    }

    /// Appends the piece, split into the label and the digits glued to it when it is like "申请数量801000081"
    /// (text copied without cell breaks).
    static func unglue(_ folded: UnsafeBufferPointer<Unicode.Scalar>, _ r: Range<Int>, into out: inout [Range<Int>],
                       compact: inout [Unicode.Scalar]) {
        guard let last = r.last, CellReader.digit(folded[last]) != nil else { return out.append(r) }
        var i = r.upperBound
        while i > r.lowerBound {
            let f = folded[i - 1]
            if CellReader.digit(f) != nil || f == "," || f == "." { i -= 1 } else { break }
        }
        guard i > r.lowerBound, i < r.upperBound else { return out.append(r) }
        let before = folded[i - 1]
        let closes = before == ")" || before == "）" || before == "”" || before == "\""
        guard CharacterFolding.isIdeograph(before) || closes else { return out.append(r) }
        guard isValue(folded, i..<r.upperBound, compact: &compact) else { return out.append(r) }
        out.append(r.lowerBound..<i)
        out.append(i..<r.upperBound)
    }
}
