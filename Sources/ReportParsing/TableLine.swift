/// A line of a table region, split into its label (the text before the numbers) and its printed values.
struct TableLine: Sendable {
    let number: Int
    /// The line as printed, trimmed: its scalars, made into text only when a finding quotes the line.
    let sourceScalars: ArraySlice<Unicode.Scalar>
    /// `CharacterFolding.key` of the label text.
    let labelKey: String
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
        var key: [UInt8] = []
    }

    /// The table lines of a region: `init(_:scratch:)` for each line, one scratch for all.
    static func read(_ lines: ArraySlice<SourceLine>) -> [TableLine] {
        var scratch = Scratch()
        var out: [TableLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            if let t = TableLine(line, scratch: &scratch) { out.append(t) }
        }
        return out
    }

    /// Splits a source line into label and values; nil for page numbers, rules and narrative sentences. The
    /// line is split in the scratch buffers.
    init?(_ line: SourceLine, scratch: inout Scratch) {
        if line.isPageNumber { return nil }
        let raw = line.raw
        let folded = line.folded
        var visible = false, onlyRules = true, delimited = false
        for f in folded {
            if f == "。" { return nil }
            if f == "\t" || f == "|" { delimited = true }
            if CharacterFolding.isSpaceScalar(f) { continue }
            visible = true
            if !TableLine.isRuleScalar(f) { onlyRules = false }
        }
        if !visible || onlyRules { return nil }
        scratch.split.removeAll(keepingCapacity: true)
        if delimited {
            TableLine.fields(folded, into: &scratch.split, fields: &scratch.fields, words: &scratch.words)
        } else {
            TableLine.words(folded, in: 0..<folded.count, into: &scratch.split)
        }
        scratch.pieces.removeAll(keepingCapacity: true)
        for piece in scratch.split { TableLine.unglue(folded, piece, into: &scratch.pieces) }
        let pieces = scratch.pieces

        var leading = 0
        var index = 0
        // Label: text pieces (and padding blanks) before the first value.
        while index < pieces.count {
            let p = pieces[index]
            if p.isEmpty {
                leading += 1
            } else if TableLine.isValue(folded, p) {
                break
            } else {
                leading = 0
            }
            index += 1
        }
        // The blank pieces among them are empty ranges and add nothing to the key.
        let labelKey = TableLine.key(folded, pieces[0..<index], bytes: &scratch.key)
        if index == pieces.count {
            // No values: a label-only line; blank delimited cells after the label are kept (a row left empty).
            self.init(line, labelKey: labelKey, values: [], leading: 0, trailing: delimited ? leading : 0,
                      delimited: delimited)
            return
        }
        var end = pieces.count
        var trailing = 0
        while end > index, pieces[end - 1].isEmpty {
            end -= 1
            trailing += 1
        }
        let rest = pieces[index..<end]
        // Words after the numbers make a sentence, not a table row (unless cells are delimited).
        if !delimited && rest.contains(where: { !TableLine.isValue(folded, $0) }) { return nil }
        if !delimited && labelKey.unicodeScalars.count > 60 { return nil }
        let values = rest.map { CharacterFolding.string(raw[$0]) }
        self.init(line, labelKey: labelKey, values: values, leading: leading, trailing: trailing, delimited: delimited)
    }

    /// True for the characters table rules are drawn with (`|-:+=─━_—`).
    @inline(__always)
    static func isRuleScalar(_ f: Unicode.Scalar) -> Bool {
        switch f {
        case "|", "-", ":", "+", "=", "─", "━", "_", "—": true
        default: false
        }
    }

    /// True for the scalars a not-applicable marker or a signed number may start with (`-−+/—―─无不nN\×…`).
    @inline(__always)
    static func isMarkerStart(_ f: Unicode.Scalar) -> Bool {
        switch f {
        case "-", "−", "+", "/", "—", "―", "─", "无", "不", "n", "N", "\\", "×", "…": true
        default: false
        }
    }

    /// The matching key of the label pieces, written in a reused byte buffer.
    static func key(_ folded: [Unicode.Scalar], _ ranges: ArraySlice<Range<Int>>, bytes out: inout [UInt8]) -> String {
        out.removeAll(keepingCapacity: true)
        var length = 0
        for r in ranges { length += r.count }
        out.reserveCapacity(length * 3)
        var vocabulary = false
        for r in ranges {
            for f in folded[r] where CharacterFolding.isKeyCharacter(f) {
                CharacterFolding.append(f, to: &out)
                if f == "讯" || f == "档" { vocabulary = true }
            }
        }
        let key = String(decoding: out, as: UTF8.self)
        return vocabulary ? CharacterFolding.key(key) : key
    }

    private init(_ line: SourceLine, labelKey: String, values: [String], leading: Int, trailing: Int, delimited: Bool) {
        self.number = line.number
        self.sourceScalars = line.raw[line.trimmedRange]
        self.labelKey = labelKey
        self.values = values
        self.leadingBlanks = leading
        self.trailingBlanks = trailing
        self.delimited = delimited
    }

    /// The line as printed, trimmed, for quoting in findings.
    var source: String { CharacterFolding.string(sourceScalars) }

    /// True when the piece (a range of folded scalars) is a number or a not-applicable marker.
    static func isValue(_ folded: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        guard let first = folded[r].first(where: { !CharacterFolding.isSpaceScalar($0) }) else { return false }
        // Cheap rejection before building anything: values start with a digit, a sign or a marker.
        if CellReader.digit(first) == nil && !isMarkerStart(first) { return false }
        // Without white space inside, the folded scalars are read in place.
        if !folded[r].contains(where: CharacterFolding.isSpaceScalar) { return CellReader.isValueLike(folded[r]) }
        var compact: [Unicode.Scalar] = []
        for f in folded[r] where !CharacterFolding.isSpaceScalar(f) { compact.append(f) }
        return CellReader.isValueLike(compact[...])
    }

    /// Tab- or pipe-separated fields (trimmed ranges; empty for blank cells), the empty field outside a leading or
    /// trailing pipe dropped; a field holding several numbers separated by spaces becomes several cells.
    /// They are appended to `out`; `fields` and `words` are reused buffers for the raw fields and one field's words.
    static func fields(_ folded: [Unicode.Scalar], into out: inout [Range<Int>], fields: inout [Range<Int>],
                       words wordBuffer: inout [Range<Int>]) {
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
            guard folded[f].contains(where: CharacterFolding.isSpaceScalar) else {
                out.append(f)
                continue
            }
            wordBuffer.removeAll(keepingCapacity: true)
            words(folded, in: f, into: &wordBuffer)
            if wordBuffer.count > 1 && wordBuffer.allSatisfy({ isValue(folded, $0) }) {
                out.append(contentsOf: wordBuffer)
            } else {
                out.append(f)
            }
        }
    }

    /// The range without white space at either end (an empty range at its start when blank).
    static func trim(_ folded: [Unicode.Scalar], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && CharacterFolding.isSpaceScalar(folded[lo]) { lo += 1 }
        while hi > lo && CharacterFolding.isSpaceScalar(folded[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// White-space separated words within a range, appended to `out`.
    static func words(_ folded: [Unicode.Scalar], in r: Range<Int>, into out: inout [Range<Int>]) {
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
    static func unglue(_ folded: [Unicode.Scalar], _ r: Range<Int>, into out: inout [Range<Int>]) {
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
        guard isValue(folded, i..<r.upperBound) else { return out.append(r) }
        out.append(r.lowerBound..<i)
        out.append(i..<r.upperBound)
    }
}
