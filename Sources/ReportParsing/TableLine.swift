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
        let text = line.text
        let compact = CharacterFolding.compact(text)
        if compact.isEmpty { return nil }
        if compact.unicodeScalars.allSatisfy({ "|-:+=─━_—｜".unicodeScalars.contains($0) }) { return nil }
        if compact.containsBytes("。") { return nil }
        let delimited = text.containsBytes("\t") || text.contains("|") || text.containsBytes("｜")
        var pieces = delimited ? TableLine.fields(text) : TableLine.words(text)
        pieces = pieces.flatMap(TableLine.unglue)

        var label: [String] = []
        var values: [String] = []
        var leading = 0
        var index = 0
        // Label: text pieces (and padding blanks) before the first value.
        while index < pieces.count {
            let p = pieces[index]
            if p.isEmpty {
                leading += 1
            } else if TableLine.isValue(p) {
                break
            } else {
                label.append(p)
                leading = 0
            }
            index += 1
        }
        if index == pieces.count {
            // No values: a label-only line; blank delimited cells after the label are kept (a row left empty).
            values = []
            self.init(line, label: label, values: [], leading: 0, trailing: delimited ? leading : 0, delimited: delimited)
            return
        }
        var rest = Array(pieces[index...])
        var trailing = 0
        while let last = rest.last, last.isEmpty {
            rest.removeLast()
            trailing += 1
        }
        // Words after the numbers make a sentence, not a table row (unless cells are delimited).
        if !delimited && rest.contains(where: { !TableLine.isValue($0) }) { return nil }
        values = rest
        let key = CharacterFolding.key(label.joined())
        if !delimited && key.count > 60 { return nil }
        self.init(line, label: label, values: values, leading: leading, trailing: trailing, delimited: delimited)
    }

    private init(_ line: SourceLine, label: [String], values: [String], leading: Int, trailing: Int, delimited: Bool) {
        self.number = line.number
        self.source = line.trimmed
        self.labelKey = CharacterFolding.key(label.joined())
        self.values = values
        self.leadingBlanks = leading
        self.trailingBlanks = trailing
        self.delimited = delimited
    }

    /// A line made of values only (for building lines in tests and repairs).
    init(number: Int, source: String, labelKey: String, values: [String]) {
        self.number = number
        self.source = source
        self.labelKey = labelKey
        self.values = values
        self.leadingBlanks = 0
        self.trailingBlanks = 0
        self.delimited = false
    }

    /// True when the piece is a number or a not-applicable marker.
    static func isValue(_ piece: String) -> Bool {
        CellReader.isValueLike(CharacterFolding.compact(piece))
    }

    /// Tab- or pipe-separated fields, blanks kept; the empty field outside a leading or trailing pipe dropped.
    static func fields(_ text: String) -> [String] {
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        for ch in text.unicodeScalars {
            if ch == "\t" || ch == "|" || ch == "｜" {
                fields.append(CellReader.trimmed(String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(ch)
            }
        }
        fields.append(CellReader.trimmed(String(current)))
        let t = CellReader.trimmed(text)
        if t.hasPrefix("|") || t.hasPrefix("｜"), fields.first == "" { fields.removeFirst() }
        if t.hasSuffix("|") || t.hasSuffix("｜"), fields.last == "" { fields.removeLast() }
        // A field holding several numbers separated by spaces is several cells.
        return fields.flatMap { f -> [String] in
            let w = words(f)
            return w.count > 1 && w.allSatisfy(isValue) ? w : [f]
        }
    }

    /// White-space separated words (ASCII, ideographic and no-break spaces).
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == " " || s == "\t" || s == "\u{3000}" || s == "\u{00A0}" || s == "\u{FEFF}" || s == "\r" {
                if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// Splits "申请数量801000081" into the label and the digits glued to it (text copied without cell breaks).
    static func unglue(_ piece: String) -> [String] {
        let scalars = Array(piece.unicodeScalars)
        guard let last = scalars.last, CellReader.digit(CharacterFolding.fold(last)) != nil else { return [piece] }
        var i = scalars.count
        while i > 0 {
            let f = CharacterFolding.fold(scalars[i - 1])
            if CellReader.digit(f) != nil || f == "," || f == "." { i -= 1 } else { break }
        }
        guard i > 0, i < scalars.count else { return [piece] }
        let before = CharacterFolding.fold(scalars[i - 1])
        guard CharacterFolding.isIdeograph(before) || ")）”\"".unicodeScalars.contains(before) else { return [piece] }
        var head = String.UnicodeScalarView(); head.append(contentsOf: scalars[..<i])
        var tail = String.UnicodeScalarView(); tail.append(contentsOf: scalars[i...])
        let tailString = String(tail)
        guard isValue(tailString) else { return [piece] }
        return [String(head), tailString]
    }
}
