/// Bytes of XML being written, in one block of memory: markup is copied in from static strings, numbers are
/// written digit by digit, text is escaped byte by byte. No `String` is made on the way. One thread uses it at
/// a time: whoever holds it (a sheet, then the compression thread it is handed to).
final class XMLBuffer: @unchecked Sendable {
    // Only the holder touches these, one call at a time: skip the run-time exclusivity checks on the hot path.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    /// Trades contents with `other` (no bytes are copied).
    func exchange(with other: XMLBuffer) {
        swap(&base, &other.base)
        swap(&count, &other.count)
        swap(&capacity, &other.capacity)
    }

    /// Makes room for `extra` more bytes, growing the block if need be.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: text.utf8Start, count: n)
        count += n
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The decimal digits of `value`.
    func append(integer value: Int64) {
        reserve(20)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = value.magnitude
        if magnitude < 10 {
            base[count] = UInt8(truncatingIfNeeded: 0x30 + magnitude)
            count += 1
            return
        }
        var digits = 0
        var probe = magnitude
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var index = count + digits - 1
        while magnitude > 0 {
            base[index] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
            magnitude /= 10
            index -= 1
        }
        count += digits
    }

    /// A number as Excel writes it: an integer without a fraction, otherwise its shortest round-trip form.
    func append(number value: Double) {
        if value.rounded() == value && abs(value) < 1e15 {
            append(integer: Int64(value))
        } else {
            var text = "\(value)"
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// UTF-8 text made safe for element content: `&`, `<`, `>`, `"` escaped; the control characters and the
    /// noncharacters U+FFFE and U+FFFF that XML 1.0 forbids dropped; tab, line feed and return kept.
    func append(escaping text: UnsafeRawBufferPointer) {
        var start = 0
        var index = 0
        let n = text.count
        while index < n {
            let byte = text[index]
            let special: Bool
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22: special = true
            case 0x09, 0x0A, 0x0D: special = false
            case ..<0x20: special = true
            case 0xEF: special = index + 2 < n && text[index + 1] == 0xBF && (text[index + 2] == 0xBE || text[index + 2] == 0xBF)
            default: special = false
            }
            guard special else {
                index += 1
                continue
            }
            append(UnsafeRawBufferPointer(rebasing: text[start..<index]))
            switch byte {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x22: append("&quot;")
            case 0xEF: index += 2  // U+FFFE / U+FFFF: dropped
            default: break  // a control character: dropped
            }
            index += 1
            start = index
        }
        append(UnsafeRawBufferPointer(rebasing: text[start..<n]))
    }

    /// Whether text needs `xml:space="preserve"` to keep its whitespace: leading or trailing space, or tabs
    /// and line breaks.
    static func needsPreserve(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        return text.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
