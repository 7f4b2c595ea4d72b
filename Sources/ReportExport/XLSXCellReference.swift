/// A1-style cell names: column letters (A … Z, AA …) and the 1-based row number.
enum XLSXCellReference {
    /// The letters of the 0-based column `index`: 0 → A, 25 → Z, 26 → AA.
    static func letters(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B3` for column 1, row 2 (both 0-based).
    static func cell(column: Int, row: Int) -> String {
        letters(column) + String(row + 1)
    }
}
