/// A table expanded into a full grid (spans filled), as HTML and DOCX readers see it, rendered for the text
/// pipeline as one tab-separated line per row.
public struct TextGrid: Sendable, Hashable {
    /// `rows[r][c]`: the cell's text, or nil where a span from another cell covers the position.
    public var rows: [[String?]]

    public init(rows: [[String?]] = []) {
        self.rows = rows
    }

    /// One line per row, cells joined by tabs; covered positions are empty, line breaks inside a cell are
    /// joined (labels wrap inside cells, never numbers across cells).
    public func render() -> String {
        var out = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line += "\t" }
                if let cell {
                    line += cell.split(whereSeparator: \.isNewline).joined()
                }
            }
            out += line
            out += "\n"
        }
        return out
    }
}
