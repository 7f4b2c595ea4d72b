import ReportModel

/// The printed values the layout gives for one or more consecutive template rows.
///
/// One row and as many values as columns is the normal case; anything else is for `CellPlacement` to repair.
struct RowEvidence: Sendable {
    /// The template rows that share these values: positions in `definitions`, consecutive.
    var rowRange: Range<Int>
    /// The rows of the template table, which `rowRange` indexes.
    let definitions: [RowDefinition]
    /// Printed values in order ("" is a visible blank cell).
    var values: [String]
    /// Source line numbers the values came from.
    var lines: [Int]
    /// The printed lines (trimmed scalars), for quoting in findings.
    var sourceLines: [ArraySlice<Unicode.Scalar>]
    /// Blank delimited cells around the values when they come from one line (see `TableLine`).
    var leadingBlanks = 0
    var trailingBlanks = 0

    /// The row's key when the evidence is for exactly one row (a finding's location names it).
    var singleRowKey: String? { rowRange.count == 1 ? definitions[rowRange.lowerBound].key : nil }

    /// "第12、13行：…": the line numbers and the printed lines, for a finding's location.
    var quotedSource: String {
        var scalars = 0
        for line in sourceLines { scalars += line.count }
        var out = TextBuilder(capacity: scalars * 3 + sourceLines.count * 3 + lines.count * 8 + 16)
        return quotedSource(in: &out)
    }

    /// `quotedSource`, written in a reused buffer.
    func quotedSource(in out: inout TextBuilder) -> String {
        out.reset()
        out.append("第")
        for (i, n) in lines.enumerated() {
            if i > 0 { out.append("、") }
            out.append(n)
        }
        out.append("行：")
        for (i, line) in sourceLines.enumerated() {
            if i > 0 { out.append(" / ") }
            out.append(scalars: line)
        }
        return out.string
    }

    /// The values with visible blank cells restored when the rows are short of cells: trailing blanks first,
    /// then leading ones ("| 行政事业性收费 | | | |" is a row of blank cells; blanks between a label and its
    /// numbers are usually merged label cells).
    func padded(to count: Int) -> [String] {
        if values.count >= count || (trailingBlanks == 0 && leadingBlanks == 0) { return values }
        var v = values
        var trailing = trailingBlanks, leading = leadingBlanks
        while v.count < count && trailing > 0 { v.append(""); trailing -= 1 }
        var front = 0
        while v.count + front < count && leading > 0 { front += 1; leading -= 1 }
        if front > 0 { v.insert(contentsOf: repeatElement("", count: front), at: 0) }
        return v
    }
}
