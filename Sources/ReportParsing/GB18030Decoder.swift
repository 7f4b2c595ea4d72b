#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (and so GBK and GB2312) to UTF-8 for the one- and two-byte codes, through a lookup table that the C
/// library's own converter fills once per process.
///
/// Reports in GBK use nothing but ASCII and two-byte codes, and converting those through `iconv` call by call
/// costs more than everything else in reading a web page. The table holds, for every lead byte 0x81–0xFE and
/// every second byte, what `iconv` makes of that pair on its own, so the result is the converter's, byte for byte.
/// Anything the table cannot answer exactly — a four-byte code, a lone 0x80 or 0xFF, a lead byte at the very end
/// — makes `decode` return nil, and the caller converts the whole input through `iconv` instead.
enum GB18030Decoder {
    /// What a pair decodes to: a scalar, `invalid` (the converter rejects the lead byte there) or `unknown`.
    private static let invalid: UInt32 = 0xFFFF_FFFE
    private static let unknown: UInt32 = 0xFFFF_FFFF

    /// 126 lead bytes × 256 second bytes, then 0x80 and 0xFF on their own (before an ASCII byte) in the
    /// last two entries; nil when the C library has no GB18030 converter.
    private static let pairs: [UInt32]? = makePairs()

    /// The text as UTF-8 with the number of replaced byte sequences, or nil when the table cannot decode it exactly.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], undecodable: Int)? {
        guard let pairs else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 3 / 2 + 16)
        var bad = 0
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                var j = i + 1
                while j < n && bytes[j] < 0x80 { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            }
            let scalar: UInt32
            if b == 0x80 || b == 0xFF {
                scalar = pairs[126 * 256 + (b == 0x80 ? 0 : 1)]
            } else {
                guard i + 1 < n else { return nil }
                scalar = pairs[Int(b - 0x81) << 8 | Int(bytes[i + 1])]
            }
            switch scalar {
            case unknown:
                return nil
            case invalid:
                bad += 1
                out.append(0xEF); out.append(0xBF); out.append(0xBD)
                i += 1
            default:
                CharacterFolding.append(Unicode.Scalar(scalar).unsafelyUnwrapped, to: &out)
                i += 2
            }
        }
        return (out, bad)
    }

    /// Asks the converter about every pair once.
    private static func makePairs() -> [UInt32]? {
        let cd = iconv_open("UTF-32LE", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var table = [UInt32](repeating: unknown, count: 126 * 256 + 2)
        var input: [UInt8] = [0, 0]
        var output = [UInt8](repeating: 0, count: 16)
        let codes = (0x81...0xFE).flatMap { lead in (0...0xFF).map { (lead, $0) } } + [(0x80, 0x41), (0xFF, 0x41)]
        for (slot, (lead, trail)) in codes.enumerated() {
            input[0] = UInt8(lead)
            input[1] = UInt8(trail)
            _ = iconv(cd, nil, nil, nil, nil)
            var result: Int = -1
            var failure: Int32 = 0
            var consumed = 0, produced = 0
            input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = 2
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if result == -1 { failure = errno }
                    consumed = 2 - inLeft
                    produced = outBuf.count - outLeft
                }
            }
            let single = lead == 0x80 || lead == 0xFF
            if !single && result != -1 && consumed == 2 && produced == 4 {
                let value = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16
                    | UInt32(output[3]) << 24
                if Unicode.Scalar(value) != nil { table[slot] = value }
            } else if result == -1 && failure == EILSEQ && consumed == 0 && produced == 0 {
                table[slot] = invalid
            }
        }
        return table
    }
}
