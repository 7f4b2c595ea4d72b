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
        var out: [UInt8] = []
        render(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the rendering (see `render()`) to UTF-8 bytes.
    func render(into out: inout [UInt8]) {
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(0x09) }
                if var cell {
                    cell.withUTF8 { Self.appendJoiningLines($0, $0.indices, to: &out) }
                }
            }
            out.append(0x0A)
        }
    }

    /// Appends the UTF-8 text `b[range]` without its line breaks: LF, VT, FF, CR, NEL (C2 85), LINE SEPARATOR
    /// (E2 80 A8) and PARAGRAPH SEPARATOR (E2 80 A9), the scalars `Character.isNewline` accepts. A line break
    /// never combines with a neighbouring scalar into one character, so dropping the scalars is the same as
    /// dropping the characters.
    static func appendJoiningLines(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8]) {
        var plain = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            var skip = 0
            if c >= 0x0A && c <= 0x0D {
                skip = 1
            } else if c == 0xC2 && i + 1 < end && b[i + 1] == 0x85 {
                skip = 2
            } else if c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) {
                skip = 3
            }
            if skip == 0 {
                i += 1
                continue
            }
            if plain < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[plain..<i])) }
            i += skip
            plain = i
        }
        if plain < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[plain..<end])) }
    }
}
