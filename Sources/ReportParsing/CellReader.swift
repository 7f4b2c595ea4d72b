import ReportModel

/// Reads one printed cell ("1,234", "２５", "251000元", "—", "") into a `Cell`, keeping the raw text.
enum CellReader {
    /// Units that may be printed inside a cell, longest first.
    static let units = ["万元", "元", "件", "个", "项", "条", "次", "宗"]
    /// Printed markers that mean "not applicable" once folded.
    static let notApplicable: Set<String> = ["/", "-", "--", "---", "—", "——", "―", "─", "−", "无", "不适用", "n/a", "na",
                                             "N/A", "NA", "//", "\\", "×", "…", "……"]

    static func read(_ printed: String) -> Cell {
        let raw = trimmed(printed)
        if raw.isEmpty { return Cell(raw: raw, kind: .empty) }
        let folded = CharacterFolding.compact(raw)
        if folded.isEmpty { return Cell(raw: raw, kind: .empty) }
        if isNotApplicable(folded) { return Cell(raw: raw, kind: .na) }
        if let (value, unit) = number(folded) {
            return Cell(raw: raw, kind: value.doubleValue == 0 ? .zero : .number, value: value, unit: unit)
        }
        return Cell(raw: raw, kind: .text)
    }

    /// True when the printed piece reads as a cell value (a number, or a not-applicable marker).
    static func isValueLike(_ folded: String) -> Bool {
        isNotApplicable(folded) || number(folded) != nil
    }

    private static let notApplicableBytes: [[UInt8]] = notApplicable.map { Array($0.utf8) }

    /// True for a folded not-applicable marker (compared as bytes: set lookups of Strings normalise and are slow).
    static func isNotApplicable(_ folded: String) -> Bool {
        let count = folded.utf8.count
        guard count <= 9 else { return false }
        return notApplicableBytes.contains { $0.count == count && $0.elementsEqual(folded.utf8) }
    }

    /// Parses a folded, space-free number with optional sign, thousands separators, decimals and unit.
    static func number(_ folded: String) -> (CellValue, String?)? {
        var scalars = Array(folded.unicodeScalars)
        var unit: String?
        for u in units where folded.utf8.count > u.utf8.count && folded.hasSuffixBytes(u) {
            unit = u
            scalars.removeLast(u.unicodeScalars.count)
            break
        }
        guard !scalars.isEmpty else { return nil }
        var negative = false
        var i = 0
        if scalars[0] == "-" || scalars[0] == "−" || scalars[0] == "+" {
            negative = scalars[0] != "+"
            i = 1
        }
        var intPart: Int64 = 0
        var digits = 0
        var fraction = ""
        var seenPoint = false
        var lastWasSeparator = false
        while i < scalars.count {
            let s = scalars[i]
            if let d = digit(s) {
                if seenPoint {
                    fraction.unicodeScalars.append(s)
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
            guard !fraction.isEmpty, let f = Double("0." + fraction) else { return nil }
            let v = Double(intPart) + f
            return (.decimal(negative ? -v : v), unit)
        }
        return (.integer(negative ? -intPart : intPart), unit)
    }

    @inline(__always)
    static func digit(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        return v >= 0x30 && v <= 0x39 ? Int(v - 0x30) : nil
    }

    /// Trims ASCII and full-width white space and no-break spaces.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}" || c == "\u{FEFF}" || c == "\r" || c == "\n"
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
