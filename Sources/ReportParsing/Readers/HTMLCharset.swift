/// The character set of a web page: byte-order mark, then the declarations (`<meta charset>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, an XML declaration, a JSP `pageEncoding`), checked
/// against what the bytes actually decode as.
///
/// Pages declare GB2312 and are saved as UTF-8, or declare two different charsets; the bytes decide: valid
/// UTF-8 is UTF-8, otherwise a GB (or Big5) declaration is believed, and without one `TextDecoder` compares
/// candidates.
enum HTMLCharset {
    /// How much of the start is searched for declarations.
    static let prescanWindow = 8192

    /// The charsets the page declares, as `utf-8` or `gb18030` (GBK and GB2312 are read as their superset
    /// GB18030), declarations first, then XML and JSP ones; other names are kept as declared, lower-cased.
    static func declared(_ bytes: [UInt8]) -> [String] {
        let head = bytes.prefix(prescanWindow).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var out: [String] = []
        for key in ["charset", "encoding", "pageencoding"] {
            let needle = Array(key.utf8)
            var i = 0
            while let found = FormatSniffer.search(needle, in: head[i...]) {
                i = found + needle.count
                // `charset` inside `pageencoding`, or an unrelated word such as `charsets`, is not a declaration.
                if key != "pageencoding", found > 0, FormatSniffer.isNameByte(head[found - 1]) { continue }
                var j = i
                while j < head.count && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                guard j < head.count, head[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < head.count && (head[j] == 0x20 || head[j] == 0x09 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                var name: [UInt8] = []
                while j < head.count, name.count < 40,
                      FormatSniffer.isNameByte(head[j]) || head[j] == UInt8(ascii: "_") || head[j] == UInt8(ascii: ".") {
                    name.append(head[j])
                    j += 1
                }
                if !name.isEmpty { out.append(normalized(String(decoding: name, as: UTF8.self))) }
            }
        }
        return out
    }

    /// `gb2312`, `gbk`, `x-gbk`, `cp936` → `gb18030`; `big5-hkscs`, `cp950` → `big5`; `utf8` → `utf-8`.
    static func normalized(_ name: String) -> String {
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": "utf-8"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "csgb2312", "chinese", "euc-cn", "gb_2312-80", "iso-ir-58":
            "gb18030"
        case "big5", "big5-hkscs", "big5hkscs", "cn-big5", "csbig5", "x-x-big5", "x-big5", "cp950": "big5"
        default: name
        }
    }

    /// True when the bytes are UTF-8 without a byte-order mark: `decode` would read them as they are.
    static func isPlainUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) { return false }
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return false }
        return UTF8Validator.isValid(b)
    }

    /// The page's text and the charset it was read as.
    static func decode(_ bytes: [UInt8]) -> DecodedText {
        let starts = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0xFE, 0xFF])
        if !starts, let strict = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: strict, encoding: "utf-8", undecodableBytes: 0)
        }
        let declarations = starts ? [] : declared(bytes)
        if declarations.contains("gb18030"), let gb = TextDecoder.gb18030(bytes) {
            // Declared GB and not valid UTF-8: believe the declaration unless GB18030 fails far worse.
            if gb.undecodableBytes * 100 <= bytes.count { return gb }
        }
        if declarations.contains("big5"), let big5 = TextDecoder.big5(bytes) {
            // The same for Big5, which pages in traditional characters declare.
            if big5.undecodableBytes * 100 <= bytes.count { return big5 }
        }
        return TextDecoder.decode(bytes) ?? DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8",
                                                         undecodableBytes: 0)
    }
}
