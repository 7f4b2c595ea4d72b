/// Checks bytes for well-formed UTF-8 without building a string (readers then use the bytes as they are).
enum UTF8Validator {
    /// True when `b` is well-formed UTF-8 (Unicode 3.9, table 3-7: no overlong forms, surrogates or values past
    /// U+10FFFF).
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = b.count
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            if c < 0xC2 || c > 0xF4 { return false }
            if c < 0xE0 {
                guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if c < 0xF0 {
                guard i + 2 < n, b[i + 2] & 0xC0 == 0x80 else { return false }
                let c1 = b[i + 1]
                switch c {
                case 0xE0: guard c1 >= 0xA0 && c1 <= 0xBF else { return false }
                case 0xED: guard c1 >= 0x80 && c1 <= 0x9F else { return false }
                default: guard c1 & 0xC0 == 0x80 else { return false }
                }
                i += 3
                continue
            }
            guard i + 3 < n, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return false }
            let c1 = b[i + 1]
            switch c {
            case 0xF0: guard c1 >= 0x90 && c1 <= 0xBF else { return false }
            case 0xF4: guard c1 >= 0x80 && c1 <= 0x8F else { return false }
            default: guard c1 & 0xC0 == 0x80 else { return false }
            }
            i += 4
        }
        return true
    }
}
