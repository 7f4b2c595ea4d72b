/// Stable identifiers for findings: 64-bit FNV-1a over the rule and the canonical location, as 16 hex digits.
///
/// The document's `source` text is left out on purpose, so a person's decision survives re-processing
/// and re-typesetting of the same report.
public enum Fingerprint {
    public static func of(rule: String, location: FindingLocation) -> String {
        let key = [rule, location.section?.rawValue ?? "", location.table?.rawValue ?? "",
                   location.row ?? "", location.column ?? ""].joined(separator: "|")
        return hex(fnv1a(key))
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

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
