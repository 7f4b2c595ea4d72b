/// Character references of HTML: the named ones reports use (`&nbsp;`, `&ldquo;`, `&mdash;` …) and numeric
/// ones (`&#20013;`, `&#x4E2D;`).
enum HTMLEntities {
    /// Named references; the names that browsers also accept without a semicolon are in `legacy`.
    static let named: [String: Unicode.Scalar] = [
        "nbsp": "\u{00A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "bdquo": "\u{201E}", "sbquo": "\u{201A}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "middot": "\u{00B7}", "bull": "\u{2022}",
        "times": "\u{00D7}", "divide": "\u{00F7}", "plusmn": "\u{00B1}", "minus": "\u{2212}", "deg": "\u{00B0}",
        "permil": "\u{2030}", "sect": "\u{00A7}", "para": "\u{00B6}", "yen": "\u{00A5}", "cent": "\u{00A2}",
        "pound": "\u{00A3}", "euro": "\u{20AC}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}",
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "shy": "\u{00AD}", "zwsp": "\u{200B}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}",
        "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}", "sup2": "\u{00B2}", "sup3": "\u{00B3}",
        "prime": "\u{2032}", "Prime": "\u{2033}", "lowast": "\u{2217}", "loz": "\u{25CA}", "cir": "\u{25CB}",
        "NBSP": "\u{00A0}", "AMP": "&", "LT": "<", "GT": ">", "QUOT": "\"",
    ]

    /// Names browsers read even without the closing semicolon (`&nbsp`, `&amp`).
    static let legacy: Set<String> = ["nbsp", "amp", "lt", "gt", "quot", "copy", "reg", "times", "middot",
                                      "deg", "plusmn", "yen", "sect", "laquo", "raquo", "NBSP", "AMP", "LT", "GT"]

    /// Longest name in `named`, to bound the look-ahead.
    static let maxNameLength = 8

    /// Reads the reference starting at `b[i] == "&"`: the scalar it stands for and the index after it, or nil when
    /// the ampersand starts no reference (it is then literal text).
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        guard j < end else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < end && (b[j] == UInt8(ascii: "x") || b[j] == UInt8(ascii: "X")) { hex = true; j += 1 }
            var value: UInt32 = 0
            var digits = 0
            while j < end, let d = digit(b[j], hex: hex) {
                if value < 0x110000 { value = value * (hex ? 16 : 10) + d }
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < end && b[j] == UInt8(ascii: ";") { j += 1 }
            return (scalar(numeric: value), j)
        }
        while j < end, j - i <= maxNameLength + 1, isAlphanumeric(b[j]) { j += 1 }
        let count = j - (i + 1)
        guard count > 0 else { return nil }
        if j < end && b[j] == UInt8(ascii: ";"),
           let s = namedTable.value(PackedName(loading: b, at: i + 1, count: count), count: count) {
            return (s, j + 1)
        }
        // Without a semicolon only the legacy names count, and only as a prefix (`&nbsp1` is `&nbsp` + "1").
        for length in stride(from: min(count, 6), through: 2, by: -1) {
            if let s = legacyTable.value(PackedName(loading: b, at: i + 1, count: length), count: length) {
                return (s, i + 1 + length)
            }
        }
        return nil
    }

    /// `named`, for looking names up straight from the bytes.
    static let namedTable = PackedNameTable<Unicode.Scalar>(named.map { ($0.key, $0.value) })
    /// The `legacy` names with what they stand for.
    static let legacyTable = PackedNameTable<Unicode.Scalar>(legacy.compactMap { name in named[name].map { (name, $0) } })

    /// The scalar of a numeric reference; 0, surrogates and out-of-range values become U+FFFD, and the C1
    /// controls Windows-1252 puts quotes and dashes at are mapped as browsers map them.
    static func scalar(numeric value: UInt32) -> Unicode.Scalar {
        if let mapped = windows1252[value] { return mapped }
        if value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x85: "\u{2026}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}",
        0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}", 0xB7: "\u{00B7}",
    ]

    static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        if c >= 0x30 && c <= 0x39 { return UInt32(c - 0x30) }
        guard hex else { return nil }
        if c >= 0x61 && c <= 0x66 { return UInt32(c - 0x61 + 10) }
        if c >= 0x41 && c <= 0x46 { return UInt32(c - 0x41 + 10) }
        return nil
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }

    /// Text with every reference replaced (for attribute values and tests).
    static func decode(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "&"), let (s, next) = decode(b, at: i, end: b.count) {
                    CharacterFolding.append(s, to: &out)
                    i = next
                } else {
                    out.append(b[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
