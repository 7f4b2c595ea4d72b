/// A line of a table region, split into its label (the text before the numbers) and its printed values.
struct TableLine: Sendable {
    let number: Int
    /// The line as printed, trimmed, for quoting in findings.
    let source: String
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

    /// Splits a source line into label and values; nil for page numbers, rules and narrative sentences.
    init?(_ line: SourceLine) {
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
        let split = delimited ? TableLine.fields(folded) : TableLine.words(folded, in: 0..<folded.count)
        var pieces: [Range<Int>] = []
        pieces.reserveCapacity(split.count + 2)
        for piece in split { TableLine.unglue(folded, piece, into: &pieces) }

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
        let labelKey = TableLine.key(folded, pieces[0..<index])
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

    /// The matching key of the label pieces.
    static func key(_ folded: [Unicode.Scalar], _ ranges: ArraySlice<Range<Int>>) -> String {
        var out: [UInt8] = []
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
        self.source = line.trimmed
        self.labelKey = labelKey
        self.values = values
        self.leadingBlanks = leading
        self.trailingBlanks = trailing
        self.delimited = delimited
    }

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
    static func fields(_ folded: [Unicode.Scalar]) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var start = 0
        for i in 0...folded.count where i == folded.count || folded[i] == "\t" || folded[i] == "|" {
            fields.append(trim(folded, start..<i))
            start = i + 1
        }
        let firstVisible = folded.first { !CharacterFolding.isSpaceScalar($0) }
        let lastVisible = folded.last { !CharacterFolding.isSpaceScalar($0) }
        if firstVisible == "|", fields.first?.isEmpty == true { fields.removeFirst() }
        if lastVisible == "|", fields.last?.isEmpty == true { fields.removeLast() }
        var out: [Range<Int>] = []
        out.reserveCapacity(fields.count)
        for f in fields {
            // Only a field with white space inside (fields are trimmed) can hold several numbers.
            guard folded[f].contains(where: CharacterFolding.isSpaceScalar) else {
                out.append(f)
                continue
            }
            let w = words(folded, in: f)
            if w.count > 1 && w.allSatisfy({ isValue(folded, $0) }) { out.append(contentsOf: w) } else { out.append(f) }
        }
        return out
    }

    /// The range without white space at either end (an empty range at its start when blank).
    static func trim(_ folded: [Unicode.Scalar], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && CharacterFolding.isSpaceScalar(folded[lo]) { lo += 1 }
        while hi > lo && CharacterFolding.isSpaceScalar(folded[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// White-space separated words within a range.
    static func words(_ folded: [Unicode.Scalar], in r: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = -1
        for i in r {
            if CharacterFolding.isSpaceScalar(folded[i]) {
                if start >= 0 { out.append(start..<i); start = -1 }
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { out.append(start..<r.upperBound) }
        return out
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
