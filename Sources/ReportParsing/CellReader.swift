import ReportModel

/// Reads one printed cell ("1,234", "２５", "251000元", "—", "") into a `Cell`, keeping the raw text.
enum CellReader {
    /// Units that may be printed inside a cell, longest first.
    static let units = ["万元", "元", "件", "个", "项", "条", "次", "宗"]
    /// Printed markers that mean "not applicable" once folded.
    static let notApplicable = ["/", "-", "--", "---", "—", "——", "―", "─", "−", "无", "不适用", "n/a", "na",
                                "N/A", "NA", "//", "\\", "×", "…", "……"]

    private static let unitScalars: [(String, [Unicode.Scalar])] = units.map { ($0, Array($0.unicodeScalars)) }
    private static let notApplicableScalars: [[Unicode.Scalar]] = notApplicable.map { Array($0.unicodeScalars) }

    static func read(_ printed: String) -> Cell {
        // Most cells are a plain run of ASCII digits: read those directly (the same cell the steps below give).
        if let n = plainInteger(printed) {
            return Cell(raw: printed, kind: n == 0 ? .zero : .number, value: .integer(n), unit: nil)
        }
        let raw = trimmed(printed)
        if raw.isEmpty { return Cell(raw: raw, kind: .empty) }
        let folded = compactScalars(raw.unicodeScalars)
        if folded.isEmpty { return Cell(raw: raw, kind: .empty) }
        if isNotApplicable(folded[...]) { return Cell(raw: raw, kind: .na) }
        if let (value, unit) = number(folded[...]) {
            return Cell(raw: raw, kind: value.doubleValue == 0 ? .zero : .number, value: value, unit: unit)
        }
        return Cell(raw: raw, kind: .text)
    }

    /// The value of text made of 1 to 17 ASCII digits and nothing else; nil for anything else.
    static func plainInteger(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 17 else { return nil }
        var n: Int64 = 0
        for b in utf8 {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int64(b - 0x30)
        }
        return n
    }

    /// Folded scalars with white space removed.
    static func compactScalars<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for s in scalars {
            let f = CharacterFolding.fold(s)
            if f == " " || f == "\t" || f == "\u{FEFF}" || f == "\r" || f == "\n" { continue }
            out.append(f)
        }
        return out
    }

    /// True when folded, space-free scalars read as a number or a not-applicable marker.
    static func isValueLike(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        isNotApplicable(s) || number(s) != nil
    }

    /// True for a folded not-applicable marker.
    static func isNotApplicable(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        // No marker starts with a digit: numbers are turned away without comparing.
        guard s.count <= 3, let first = s.first, digit(first) == nil else { return false }
        return notApplicableScalars.contains { $0.elementsEqual(s) }
    }

    /// Parses folded, space-free scalars as a number with optional sign, separators, decimals and unit.
    static func number(_ input: ArraySlice<Unicode.Scalar>) -> (CellValue, String?)? {
        var scalars = input
        guard let first = scalars.first else { return nil }
        // Fast rejection: a value starts with a sign or a digit.
        guard digit(first) != nil || first == "-" || first == "−" || first == "+" else { return nil }
        var unit: String?
        if let last = scalars.last, digit(last) == nil {
            for (name, u) in unitScalars where scalars.count > u.count && scalars.suffix(u.count).elementsEqual(u) {
                unit = name
                scalars = scalars.dropLast(u.count)
                break
            }
        }
        var negative = false
        var i = scalars.startIndex
        if scalars[i] == "-" || scalars[i] == "−" || scalars[i] == "+" {
            negative = scalars[i] != "+"
            i += 1
        }
        var intPart: Int64 = 0
        var digits = 0
        var fraction: Double = 0
        var scale: Double = 0.1
        var fractionDigits = 0
        var seenPoint = false
        var lastWasSeparator = false
        while i < scalars.endIndex {
            let s = scalars[i]
            if let d = digit(s) {
                if seenPoint {
                    fraction += Double(d) * scale
                    scale /= 10
                    fractionDigits += 1
                } else {
                    guard digits < 17 else { return nil }
                    intPart = intPart * 10 + Int64(d)
                    digits += 1
                }
                lastWasSeparator = false
            } else if (s == "," || s == "，") && !seenPoint && digits > 0 && !lastWasSeparator {
                lastWasSeparator = true
            } else if s == "." && !seenPoint && digits > 0 {
                seenPoint = true
                lastWasSeparator = false
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, !lastWasSeparator else { return nil }
        if seenPoint {
            guard fractionDigits > 0 else { return nil }
            // Through the decimal text, so 6.8178 stays 6.8178 and not 6.817799999.
            var text = String(intPart) + "."
            for s in scalars[scalars.index(scalars.startIndex, offsetBy: (negative || scalars.first == "+") ? 1 : 0)...]
                .drop(while: { $0 != "." }).dropFirst() {
                text.unicodeScalars.append(s)
            }
            guard let v = Double(text) else { return nil }
            return (.decimal(negative ? -v : v), unit)
        }
        return (.integer(negative ? -intPart : intPart), unit)
    }

    @inline(__always)
    static func digit(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        return v >= 0x30 && v <= 0x39 ? Int(v - 0x30) : nil
    }

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}" || c == "\u{FEFF}" || c == "\r" || c == "\n"
    }

    /// Trims ASCII and full-width white space and no-break spaces.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return s }
        return String(scalars[first...last])
    }
}
