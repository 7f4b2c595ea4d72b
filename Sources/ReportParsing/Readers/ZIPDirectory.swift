/// The member names of a ZIP file, read from its central directory (or, when that is missing or damaged, from
/// the local headers), without decompressing anything.
enum ZIPDirectory {
    /// At most this many names are read; a report's ZIP has a few dozen members.
    static let maxMembers = 10_000

    static func memberNames(_ b: [UInt8]) -> [String] {
        if let names = centralDirectoryNames(b), !names.isEmpty { return names }
        return localHeaderNames(b)
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    /// Names listed in the central directory, found through the end-of-central-directory record.
    static func centralDirectoryNames(_ b: [UInt8]) -> [String]? {
        guard b.count >= 22 else { return nil }
        // The end record is 22 bytes plus a comment of up to 65,535 bytes.
        var eocd = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while eocd >= lowest {
            if b[eocd] == 0x50 && b[eocd + 1] == 0x4B && b[eocd + 2] == 0x05 && b[eocd + 3] == 0x06 { break }
            eocd -= 1
        }
        guard eocd >= lowest else { return nil }
        let count = u16(b, eocd + 10)
        var p = u32(b, eocd + 16)
        var names: [String] = []
        for _ in 0..<min(count, maxMembers) {
            guard p >= 0, p + 46 <= b.count, u32(b, p) == 0x0201_4B50 else { break }
            let nameLength = u16(b, p + 28), extra = u16(b, p + 30), comment = u16(b, p + 32)
            guard p + 46 + nameLength <= b.count else { break }
            names.append(String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self))
            p += 46 + nameLength + extra + comment
        }
        return names
    }

    /// Names of the local file headers, walked from the start (sizes may be unknown when a data descriptor
    /// follows, so the walk stops there).
    static func localHeaderNames(_ b: [UInt8]) -> [String] {
        var names: [String] = []
        var p = 0
        while names.count < maxMembers, p + 30 <= b.count, u32(b, p) == 0x0403_4B50 {
            let flags = u16(b, p + 6)
            let compressed = u32(b, p + 18)
            let nameLength = u16(b, p + 26), extra = u16(b, p + 28)
            guard p + 30 + nameLength <= b.count else { break }
            names.append(String(decoding: b[(p + 30)..<(p + 30 + nameLength)], as: UTF8.self))
            if flags & 0x08 != 0 { break }
            p += 30 + nameLength + extra + compressed
        }
        return names
    }
}
