/// The body of a JSON string literal read from UTF-8 bytes: escapes decoded, raw control characters refused.
/// Shared by the row scanner and the client's chunk reader, which both read lines without Codable (writing
/// escapes is `JSONEscape`).
public enum JSONStringBody {
    /// Appends the unescaped text of the string whose body starts at `start` (just after the opening quote) to
    /// `out`; returns the index just after the closing quote, or nil when the string is malformed or not closed
    /// within `line`. A lone UTF-16 surrogate in a `\u` escape becomes U+FFFD.
    public static func unescape(_ line: UnsafeRawBufferPointer, from start: Int, into out: inout [UInt8]) -> Int? {
        var i = start
        var runStart = i
        while i < line.count {
            let byte = line[i]
            if byte == 0x22 {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[runStart..<i]))
                return i + 1
            }
            if byte < 0x20 { return nil }
            guard byte == 0x5C else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[runStart..<i]))
            guard i + 1 < line.count else { return nil }
            let escape = line[i + 1]
            i += 2
            switch escape {
            case 0x22, 0x5C, 0x2F: out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(line, i) else { return nil }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= line.count, line[i] == 0x5C,
                   line[i + 1] == UInt8(ascii: "u"), let low = hex4(line, i + 2), low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
            default:
                return nil
            }
            runStart = i
        }
        return nil
    }

    /// Four hex digits at `at` as a number, or nil.
    private static func hex4(_ line: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
        guard at + 4 <= line.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let byte = line[at + k]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
