@testable import ReportParsing
import Testing

@Suite("Text grid")
struct TextGridTests {
    /// The rendering as it was written with Characters: cells joined by tabs, line breaks inside a cell dropped.
    func characterRendering(_ rows: [[String?]]) -> String {
        rows.map { row in row.map { $0.map { $0.split(whereSeparator: \.isNewline).joined() } ?? "" }.joined(separator: "\t") + "\n" }
            .joined()
    }

    @Test("drops every kind of line break inside a cell, as splitting on Character.isNewline does")
    func lineBreaks() {
        let cells: [String?] = ["信息\n内容", "a\r\nb", "c\u{0B}d\u{0C}e\rf", "g\u{85}h", "i\u{2028}j\u{2029}k", nil, "",
                                "\n\n", "é\u{301}\nx", "\u{2027}\u{202A}¥"]
        let grid = TextGrid(rows: [cells, [nil, "1"], []])
        #expect(grid.render() == characterRendering(grid.rows))
        #expect(grid.render().hasPrefix("信息内容\tab\tcdef\tgh\tijk\t\t\t\té\u{301}x\t\u{2027}\u{202A}¥\n\t1\n\n"))
    }
}
