/// The member names of a ZIP file, read from its central directory (through `DOCXPackage`, with no size limits)
/// or, when that is missing or damaged, from the local headers, without decompressing anything.
enum ZIPDirectory {
    /// At most this many names are read; a report's ZIP has a few dozen members.
    static let maxMembers = 10_000

    static func memberNames(_ b: [UInt8]) -> [String] {
        if let package = try? DOCXPackage(b, limits: .listing), !package.entries.isEmpty {
            return package.entries.map(\.name)
        }
        return localHeaderNames(b)
    }

    /// Names of the local file headers, walked from the start (sizes may be unknown when a data descriptor
    /// follows, so the walk stops there).
    static func localHeaderNames(_ b: [UInt8]) -> [String] {
        var names: [String] = []
        var p = 0
        let u16 = { Int(DOCXPackage.u16($0, $1)) }
        let u32 = { Int(DOCXPackage.u32($0, $1)) }
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
