#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text decoded from a file's bytes, with the encoding it was read as.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    /// `utf-8`, `utf-16le`, `utf-16be`, `gb18030`.
    public var encoding: String
    /// Byte sequences that were not valid in that encoding and were replaced by U+FFFD.
    public var undecodableBytes: Int
}

/// Decodes report text: BOMs first, then strict UTF-8, UTF-16 without BOM, then GB18030 (a superset of GBK/GB2312)
/// or Big5.
///
/// A successful decode is not proof of the right encoding, so candidates are compared by how much of the result
/// is plausible Chinese text, and bytes no encoding explains are counted instead of crashing.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) -> DecodedText? {
        if bytes.isEmpty { return DecodedText(text: "", encoding: "utf-8", undecodableBytes: 0) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes[3...], name: "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes[2...], littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes[2...], littleEndian: false) }
        if let strict = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: strict, encoding: "utf-8", undecodableBytes: 0)
        }
        if let le = looksLikeUTF16(bytes) { return utf16(bytes[...], littleEndian: le) }
        let gb = gb18030(bytes)
        let u8 = utf8(bytes[...], name: "utf-8")
        // Mostly-valid UTF-8 with a few damaged bytes reads better as UTF-8 than as GB18030 mojibake.
        guard let gb else { return u8 }
        guard let u8 else { return gb }
        let gbScore = plausibility(gb), u8Score = plausibility(u8)
        // Big5 (traditional characters) is tried only when neither reads like a report (GB18030 decodes Big5 bytes
        // without errors, as nonsense): in a report common characters are a fifth to a third of the Chinese ones,
        // in Big5 read as GB18030 about one in a hundred. It wins only where it reads better than both.
        if max(gbScore, u8Score) * 4 < nonASCIICount(bytes), let big5 = big5(bytes),
           plausibility(big5) > max(gbScore, u8Score) {
            return big5
        }
        if gbScore != u8Score { return gbScore > u8Score ? gb : u8 }
        return gb.undecodableBytes <= u8.undecodableBytes ? gb : u8
    }

    /// How many bytes are not ASCII (two per Chinese character in GB18030 and Big5).
    private static func nonASCIICount(_ bytes: [UInt8]) -> Int {
        var count = 0
        for b in bytes where b >= 0x80 { count += 1 }
        return count
    }

    /// Characters that every report uses many times, in simplified and traditional forms; a wrong decoding
    /// produces almost none of them.
    static let commonCharacters = "的政府信息公开年度报告申请情况本其他行处理不予以数量计总条项" + "開報請況處數計總條項資訊"

    /// `commonCharacters` as a bit set over the Basic Multilingual Plane: bit `v` set for scalar value `v`.
    private static let commonCharacterBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for s in commonCharacters.unicodeScalars { bits[Int(s.value) >> 6] |= 1 << (UInt64(s.value) & 63) }
        return bits
    }()

    /// How much of the text looks like a report: common characters, less damaged bytes.
    static func plausibility(_ decoded: DecodedText) -> Int {
        var text = decoded.text
        let hits = text.withUTF8 { utf8 in
            commonCharacterBits.withUnsafeBufferPointer { bits in
                // Every common character is a three-byte sequence; the text is valid UTF-8.
                var hits = 0
                var i = 0
                let n = utf8.count
                while i + 2 < n {
                    let b = utf8[i]
                    if b & 0xF0 == 0xE0 {
                        let v = Int(b & 0x0F) << 12 | Int(utf8[i + 1] & 0x3F) << 6 | Int(utf8[i + 2] & 0x3F)
                        if bits[v >> 6] & (1 << (UInt64(v) & 63)) != 0 { hits += 1 }
                        i += 3
                    } else {
                        i += 1
                    }
                }
                return hits
            }
        }
        return hits * 4 - decoded.undecodableBytes
    }

    /// Lossy UTF-8: invalid sequences become U+FFFD and are counted.
    static func utf8(_ bytes: ArraySlice<UInt8>, name: String) -> DecodedText? {
        let text = String(decoding: bytes, as: UTF8.self)
        // Each replaced sequence is one U+FFFD more in the text than the input spells out (EF BF BD, which can
        // only ever be that whole character, since EF never continues a sequence).
        var copy = text
        let bad = copy.withUTF8(replacementCharacters) - bytes.withUnsafeBufferPointer(replacementCharacters)
        return DecodedText(text: text, encoding: name, undecodableBytes: bad)
    }

    /// How many times U+FFFD (EF BF BD) occurs in the bytes.
    private static func replacementCharacters(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xBD {
                count += 1
                i += 3
            } else {
                i += 1
            }
        }
        return count
    }

    /// Decodes code units with a standard codec, replacing and counting invalid sequences.
    static func lossy<Units: Sequence, Codec: UnicodeCodec>(_ units: Units, as codec: Codec.Type) -> (String, Int)
    where Units.Element == Codec.CodeUnit {
        var bad = 0
        var bytes: [UInt8] = []
        var decoder = Codec()
        var it = units.makeIterator()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): CharacterFolding.append(s, to: &bytes)
            case .emptyInput: break loop
            case .error:
                bad += 1
                CharacterFolding.append("\u{FFFD}", to: &bytes)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), bad)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> DecodedText? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        let (text, bad) = lossy(units, as: UTF16.self)
        return DecodedText(text: text, encoding: littleEndian ? "utf-16le" : "utf-16be",
                           undecodableBytes: bad + bytes.count % 2)
    }

    /// UTF-16 without a BOM shows up as many NUL bytes on one side of each pair (ASCII digits, newlines).
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool? {
        let n = min(bytes.count, 4096) & ~1
        guard n >= 8 else { return nil }
        var evenZero = 0, oddZero = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { evenZero += 1 }
            if bytes[i + 1] == 0 { oddZero += 1 }
        }
        let pairs = n / 2
        if oddZero * 5 > pairs && evenZero * 20 < pairs { return true }
        if evenZero * 5 > pairs && oddZero * 20 < pairs { return false }
        return nil
    }

    /// Lossy GB18030: an invalid byte becomes U+FFFD and decoding resumes after it.
    static func gb18030(_ bytes: [UInt8]) -> DecodedText? {
        if let (utf8, bad) = bytes.withUnsafeBufferPointer(GB18030Decoder.decode) {
            return DecodedText(text: String(decoding: utf8, as: UTF8.self), encoding: "gb18030", undecodableBytes: bad)
        }
        return gb18030ThroughIconv(bytes)
    }

    /// Lossy GB18030 through iconv, one conversion call per stretch of valid input.
    static func gb18030ThroughIconv(_ bytes: [UInt8]) -> DecodedText? {
        throughIconv(bytes, from: "GB18030", name: "gb18030")
    }

    /// Lossy Big5 (as its Hong Kong superset, Big5-HKSCS, which the C library converts): traditional-character
    /// pages that declare it.
    static func big5(_ bytes: [UInt8]) -> DecodedText? {
        throughIconv(bytes, from: "BIG5-HKSCS", name: "big5")
    }

    /// Lossy decoding through iconv from `charset`, recorded as `name`: an invalid byte becomes U+FFFD and
    /// decoding resumes after it; nil when the C library cannot convert from `charset`.
    static func throughIconv(_ bytes: [UInt8], from charset: String, name: String) -> DecodedText? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var bad = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        var offset = 0
        while offset < input.count {
            var progressed = 0
            var failedWith: Int32 = 0
            input.withUnsafeMutableBufferPointer { inBuf in
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress! + offset)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuf.count - offset
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 { failedWith = errno }
                    progressed = (inBuf.count - offset) - inLeft
                    output.append(contentsOf: UnsafeBufferPointer(start: outBuf.baseAddress!, count: outBuf.count - outLeft))
                }
            }
            offset += progressed
            if failedWith == 0 { break }
            if failedWith == E2BIG { continue }
            // EILSEQ or EINVAL (truncated sequence at the end): replace one byte and go on.
            bad += 1
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            offset += 1
            _ = iconv(cd, nil, nil, nil, nil)
        }
        return DecodedText(text: String(decoding: output, as: UTF8.self), encoding: name, undecodableBytes: bad)
    }
}
