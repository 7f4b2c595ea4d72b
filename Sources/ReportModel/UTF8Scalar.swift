/// Decoding one scalar from valid UTF-8 bytes (a Swift string's storage), for hot loops that walk text by
/// pointer instead of through `String.unicodeScalars`.
public enum UTF8Scalar {
    /// The value of the scalar that starts at `i` in valid UTF-8 `b`, advancing `i` past it. The caller
    /// checks `i < b.count`; bytes are not validated (a lone continuation byte reads as itself).
    @inlinable @inline(__always)
    public static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32 {
        let lead = b[i]
        if lead >= 0xF0 {
            defer { i += 4 }
            return (UInt32(lead & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                | UInt32(b[i + 3] & 0x3F)
        } else if lead >= 0xE0 {
            defer { i += 3 }
            return (UInt32(lead & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
        } else if lead >= 0xC0 {
            defer { i += 2 }
            return (UInt32(lead & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
        }
        i += 1
        return UInt32(lead)
    }
}
