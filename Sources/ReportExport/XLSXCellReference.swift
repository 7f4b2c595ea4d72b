/// A1-style cell names: column letters (A … Z, AA …) and the 1-based row number.
enum XLSXCellReference {
    /// The letters of the 0-based column `index`: 0 → A, 25 → Z, 26 → AA.
    static func letters(_ index: Int) -> String {
        String(decoding: letterBytes(index), as: UTF8.self)
    }

    /// The letters of the first columns, made once.
    private static let table: [[UInt8]] = (0..<1_024).map(makeLetters)

    /// ``letters(_:)`` as ASCII bytes.
    static func letterBytes(_ index: Int) -> [UInt8] {
        index < table.count ? table[index] : makeLetters(index)
    }

    private static func makeLetters(_ index: Int) -> [UInt8] {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(65 + remainder))
            n = (n - 1) / 26
        }
        return letters.reversed()
    }

    /// `B3` for column 1, row 2 (both 0-based).
    static func cell(column: Int, row: Int) -> String {
        letters(column) + String(row + 1)
    }
}
