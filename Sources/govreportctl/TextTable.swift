/// Rows of text cells printed in columns aligned by terminal display width (a Chinese character is two
/// columns), two spaces apart; colour codes added by ``Palette`` do not count toward the width.
struct TextTable {
    var header: [String]?
    var rows: [[Cell]] = []
    /// Spaces before every line.
    var indent = 0

    /// One cell: its text, and the colour it is shown in.
    struct Cell {
        var text: String
        var style: Palette.Style?

        init(_ text: String, _ style: Palette.Style? = nil) {
            self.text = text
            self.style = style
        }
    }

    init(header: [String]? = nil, indent: Int = 0) {
        self.header = header
        self.indent = indent
    }

    mutating func append(_ cells: [Cell]) {
        rows.append(cells)
    }

    mutating func append(_ texts: String...) {
        rows.append(texts.map { Cell($0) })
    }

    /// The lines, without a trailing newline; the last column is not padded.
    func render(_ palette: Palette) -> String {
        let all = (header.map { [$0.map { Cell($0) }] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.text.displayWidth) }
        }
        let prefix = String(repeating: " ", count: indent)
        return all.enumerated().map { number, row in
            let line = row.enumerated().map { index, cell in
                let text = index == row.count - 1 ? cell.text : cell.text.padded(to: widths[index])
                if number == 0 && header != nil { return palette.apply(.bold, text) }
                return cell.style.map { palette.apply($0, text) } ?? text
            }.joined(separator: "  ")
            return prefix + String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
