/// Folds the many ways a character is printed into one, for matching labels and reading numbers.
///
/// Full-width ASCII becomes ASCII, the ideographic space a space, traditional characters of the report
/// vocabulary simplified. The printed text itself is never changed; folding only serves comparison.
enum CharacterFolding {
    /// The folded form of one scalar.
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return s }
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        if v == 0x3000 || v == 0x00A0 || v == 0x2002 || v == 0x2003 || v == 0x2009 { return " " }
        if v >= 0x4E00 && v <= 0x9FFF {
            let simple = simplifiedTable[Int(v - 0x4E00)]
            return simple == 0 ? s : Unicode.Scalar(simple)!
        }
        if v >= 0x3400, let simple = TraditionalCharacters.map[s] { return simple }
        return s
    }

    /// `fold` with the flat table already at hand (`simplifiedTable`, lent by the caller for a long loop).
    @inline(__always)
    static func fold(_ s: Unicode.Scalar, simplified: UnsafeBufferPointer<UInt32>) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return s }
        if v >= 0xFF01 && v <= 0xFF5E { return unsafeBitCast(v - 0xFEE0, to: Unicode.Scalar.self) }
        if v == 0x3000 || v == 0x00A0 || v == 0x2002 || v == 0x2003 || v == 0x2009 { return " " }
        if v >= 0x4E00 && v <= 0x9FFF {
            let simple = simplified[Int(v - 0x4E00)]
            return simple == 0 ? s : unsafeBitCast(simple, to: Unicode.Scalar.self)
        }
        if v >= 0x3400, let simple = TraditionalCharacters.map[s] { return simple }
        return s
    }

    /// `TraditionalCharacters.map` as a flat table over the main CJK block (0 = unchanged), for speed.
    static let simplifiedTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        for (t, s) in TraditionalCharacters.map where t.value >= 0x4E00 && t.value <= 0x9FFF {
            table[Int(t.value - 0x4E00)] = s.value
        }
        return table
    }()

    /// A string from scalars, through UTF-8 bytes (appending to a scalar view is far slower).
    static func string<C: Collection<Unicode.Scalar>>(_ scalars: C) -> String {
        var count = 0
        for s in scalars { count += utf8Length(s) }
        if count == 0 { return "" }
        // Written in place: a short result becomes a small string without any buffer on the heap.
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            for s in scalars { write(s, to: out, at: &i) }
            return i
        }
    }

    /// How many UTF-8 bytes a scalar takes.
    @inline(__always)
    static func utf8Length(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }

    /// Writes a scalar's UTF-8 bytes at `i` and moves `i` past them.
    @inline(__always)
    static func write(_ s: Unicode.Scalar, to out: UnsafeMutableBufferPointer<UInt8>, at i: inout Int) {
        let v = s.value
        if v < 0x80 {
            out[i] = UInt8(v); i += 1
        } else if v < 0x800 {
            out[i] = UInt8(0xC0 | (v >> 6)); out[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
        } else if v < 0x10000 {
            out[i] = UInt8(0xE0 | (v >> 12)); out[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
        } else {
            out[i] = UInt8(0xF0 | (v >> 18)); out[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
        }
    }

    /// Appends a scalar's UTF-8 bytes.
    @inline(__always)
    static func append(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// True for characters that carry meaning in a label: CJK ideographs, ASCII letters and digits.
    @inline(__always)
    static func isKeyCharacter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || v == 0x3007
            || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    /// True for folded white space.
    @inline(__always)
    static func isSpaceScalar(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{FEFF}" || s == "\r" || s == "\n"
    }

    /// True for CJK ideographs.
    @inline(__always)
    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// The matching key of a text: folded, with everything but ideographs, letters and digits removed.
    static func key<S: StringProtocol>(_ text: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var vocabulary = false
        for s in text.unicodeScalars {
            let f = fold(s)
            if isKeyCharacter(f) {
                append(f, to: &out)
                if f == "讯" || f == "档" { vocabulary = true }
            }
        }
        var key = String(decoding: out, as: UTF8.self)
        // Taiwan-style vocabulary seen in converted pages (資訊 for 信息, 檔案 for 文件).
        if vocabulary {
            if key.containsBytes("资讯") { key = key.replacingAll("资讯", with: "信息") }
            if key.containsBytes("档案") { key = key.replacingAll("档案", with: "文件") }
        }
        return key
    }

    /// `key`'s vocabulary step on a key's UTF-8 bytes, in place: 资讯 becomes 信息, then 档案 becomes 文件 (both
    /// replacements are as long as what they replace).
    static func replaceVocabulary(in key: UnsafeMutableBufferPointer<UInt8>) {
        replace(key, (0xE8, 0xB5, 0x84, 0xE8, 0xAE, 0xAF), with: (0xE4, 0xBF, 0xA1, 0xE6, 0x81, 0xAF))
        replace(key, (0xE6, 0xA1, 0xA3, 0xE6, 0xA1, 0x88), with: (0xE6, 0x96, 0x87, 0xE4, 0xBB, 0xB6))
    }

    /// Replaces every occurrence of six bytes by six others, left to right.
    private static func replace(_ b: UnsafeMutableBufferPointer<UInt8>, _ target: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8),
                                with r: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) {
        var i = 0
        while i + 6 <= b.count {
            if b[i] == target.0 && b[i + 1] == target.1 && b[i + 2] == target.2 && b[i + 3] == target.3
                && b[i + 4] == target.4 && b[i + 5] == target.5 {
                b[i] = r.0; b[i + 1] = r.1; b[i + 2] = r.2; b[i + 3] = r.3; b[i + 4] = r.4; b[i + 5] = r.5
                i += 6
            } else {
                i += 1
            }
        }
    }

    /// The folded text with whitespace removed (punctuation kept), for reading titles, dates and numbers.
    static func compact<S: StringProtocol>(_ text: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let f = fold(s)
            if f == " " || f == "\t" || f == "\u{FEFF}" { continue }
            append(f, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Replaces every occurrence of a literal substring (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        result += rest
        return result
    }
}
