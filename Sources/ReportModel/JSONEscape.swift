/// Escaping for the body of a JSON string written straight as UTF-8 bytes, as the JSON encoder escapes: `"`,
/// `\\`, `\n`, `\r`, `\t`, other control characters as `\u00XX`, everything else as it is. Shared by the
/// writers that produce JSON without Codable (export rows, chunk lines, the store's `cells_json`).
package enum JSONEscape {
    /// True for the bytes a string body must escape: `"`, `\\` and control characters.
    @inline(__always)
    package static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    /// Appends the escape of one byte for which `needsEscape` is true.
    package static func appendEscape(of byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0x0F)]])
        }
    }
}
