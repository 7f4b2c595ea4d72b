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
            if !TableLine.ruleScalars.contains(f) { onlyRules = false }
        }
        if !visible || onlyRules { return nil }
        var pieces = delimited ? TableLine.fields(folded) : TableLine.words(folded, in: 0..<folded.count)
        pieces = pieces.flatMap { TableLine.unglue(folded, $0) }

        var label: [Range<Int>] = []
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
                label.append(p)
                leading = 0
            }
            index += 1
        }
        let labelKey = TableLine.key(folded, label)
        if index == pieces.count {
            // No values: a label-only line; blank delimited cells after the label are kept (a row left empty).
            self.init(line, labelKey: labelKey, values: [], leading: 0, trailing: delimited ? leading : 0,
                      delimited: delimited)
            return
        }
        var rest = Array(pieces[index...])
        var trailing = 0
        while let last = rest.last, last.isEmpty {
            rest.removeLast()
            trailing += 1
        }
        // Words after the numbers make a sentence, not a table row (unless cells are delimited).
        if !delimited && rest.contains(where: { !TableLine.isValue(folded, $0) }) { return nil }
        if !delimited && labelKey.unicodeScalars.count > 60 { return nil }
        let values = rest.map { CharacterFolding.string(raw[$0]) }
        self.init(line, labelKey: labelKey, values: values, leading: leading, trailing: trailing, delimited: delimited)
    }

    static let ruleScalars = Set("|-:+=─━_—".unicodeScalars)

    /// The matching key of the label pieces.
    static func key(_ folded: [Unicode.Scalar], _ ranges: [Range<Int>]) -> String {
        var out: [UInt8] = []
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
        if CellReader.digit(first) == nil && !"-−+/—―─无不nN\\×…".unicodeScalars.contains(first) { return false }
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
        let visible = folded.filter { !CharacterFolding.isSpaceScalar($0) }
        if visible.first == "|", fields.first?.isEmpty == true { fields.removeFirst() }
        if visible.last == "|", fields.last?.isEmpty == true { fields.removeLast() }
        return fields.flatMap { f -> [Range<Int>] in
            let w = words(folded, in: f)
            return w.count > 1 && w.allSatisfy({ isValue(folded, $0) }) ? w : [f]
        }
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

    /// Splits "申请数量801000081" into the label and the digits glued to it (text copied without cell breaks).
    static func unglue(_ folded: [Unicode.Scalar], _ r: Range<Int>) -> [Range<Int>] {
        guard let last = r.last, CellReader.digit(folded[last]) != nil else { return [r] }
        var i = r.upperBound
        while i > r.lowerBound {
            let f = folded[i - 1]
            if CellReader.digit(f) != nil || f == "," || f == "." { i -= 1 } else { break }
        }
        guard i > r.lowerBound, i < r.upperBound else { return [r] }
        let before = folded[i - 1]
        guard CharacterFolding.isIdeograph(before) || ")）”\"".unicodeScalars.contains(before) else { return [r] }
        guard isValue(folded, i..<r.upperBound) else { return [r] }
        return [r.lowerBound..<i, i..<r.upperBound]
    }
}
