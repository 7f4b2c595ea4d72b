/// Stable identifiers for findings: 64-bit FNV-1a over the rule and the canonical location, as 16 hex digits.
///
/// The document's `source` text is left out on purpose, so a person's decision survives re-processing
/// and re-typesetting of the same report.
public enum Fingerprint {
    public static func of(rule: String, location: FindingLocation) -> String {
        // The hash of the parts joined by "|", taken part by part without building the joined text.
        var h = offsetBasis
        h = fnv1a(rule, from: h)
        h = (h ^ 0x7C) &* prime  // "|"
        h = fnv1a(location.section?.rawValue ?? "", from: h)
        h = (h ^ 0x7C) &* prime  // "|"
        h = fnv1a(location.table?.rawValue ?? "", from: h)
        h = (h ^ 0x7C) &* prime  // "|"
        h = fnv1a(location.row ?? "", from: h)
        h = (h ^ 0x7C) &* prime  // "|"
        h = fnv1a(location.column ?? "", from: h)
        return hex(h)
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a continued over a string's UTF-8 bytes from the hash `h`.
    @inline(__always)
    static func fnv1a(_ s: String, from h: UInt64) -> UInt64 {
        var h = h
        var s = s
        s.withUTF8 { bytes in
            for b in bytes {
                h ^= UInt64(b)
                h = h &* prime
            }
        }
        return h
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The value as 16 lowercase hex digits, zero-padded.
    static func hex(_ v: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { d in
                for i in 0..<16 { out[i] = d[Int((v >> UInt64(60 - 4 * i)) & 0xF)] }
            }
            return 16
        }
    }
}
