/// A markup element name of up to 16 bytes packed into two words, so that names are compared and looked up
/// without building strings (HTML tag names lower-cased, Word XML local names as written).
struct PackedName: Hashable, Sendable {
    var lo: UInt64
    var hi: UInt64

    init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }

    /// The longest name that can be packed.
    static let capacity = 16

    /// The name of `b[range]`, ASCII letters lower-cased when `foldCase`; nil when longer than `capacity` bytes,
    /// empty or holding a NUL byte.
    @inline(__always)
    init?(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, foldCase: Bool) {
        let count = range.count
        guard count > 0, count <= Self.capacity else { return nil }
        var lo: UInt64 = 0, hi: UInt64 = 0
        var k = 0
        for i in range {
            var c = b[i]
            if c == 0 { return nil }  // no name holds NUL; packing it would make two names one
            if foldCase && c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if k < 8 { lo |= UInt64(c) << (8 * UInt64(k)) } else { hi |= UInt64(c) << (8 * UInt64(k - 8)) }
            k += 1
        }
        self.lo = lo
        self.hi = hi
    }

    /// The `count` bytes at `b[start...]` (at most `capacity`), read as two little-endian words when the buffer
    /// has 16 bytes there, else byte by byte. Unlike `init(_:_:foldCase:)` this keeps NUL bytes, so the count
    /// must be compared too (`PackedNameTable.value(_:count:)`).
    @inline(__always)
    init(loading b: UnsafeBufferPointer<UInt8>, at start: Int, count: Int) {
        if start + 16 <= b.count, let base = b.baseAddress {
            let raw = UnsafeRawPointer(base + start)
            var lo = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            var hi = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if count < 8 {
                lo &= (1 << (8 * UInt64(count))) &- 1
                hi = 0
            } else if count == 8 {
                hi = 0
            } else if count < 16 {
                hi &= (1 << (8 * UInt64(count - 8))) &- 1
            }
            self.lo = lo
            self.hi = hi
            return
        }
        var lo: UInt64 = 0, hi: UInt64 = 0
        for k in 0..<count {
            let c = UInt64(b[start + k])
            if k < 8 { lo |= c << (8 * UInt64(k)) } else { hi |= c << (8 * UInt64(k - 8)) }
        }
        self.lo = lo
        self.hi = hi
    }

    /// The name as `init(loading:at:count:)` reads it, ASCII capitals lower-cased (eight bytes at a time).
    @inline(__always)
    init(loadingLowercased b: UnsafeBufferPointer<UInt8>, at start: Int, count: Int) {
        self.init(loading: b, at: start, count: count)
        lo = Self.lowercased(lo)
        hi = Self.lowercased(hi)
    }

    /// `word` with every byte from `A` to `Z` lower-cased.
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set where the byte is 0x41 or more
        let pastZ = low7 &+ 0x2525_2525_2525_2525     // high bit set where the byte is 0x5B or more
        let capitals = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
        return word | (capitals >> 2)
    }

    /// The name of a literal (for building tables).
    init?(_ name: String) {
        let bytes = Array(name.utf8)
        guard let packed = bytes.withUnsafeBufferPointer({ PackedName($0, 0..<bytes.count, foldCase: false) }) else {
            return nil
        }
        self = packed
    }

    /// The name's bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        for k in 0..<16 {
            let c = UInt8(truncatingIfNeeded: (k < 8 ? lo >> (8 * UInt64(k)) : hi >> (8 * UInt64(k - 8))))
            if c == 0 { break }
            out.append(c)
        }
        return out
    }
}

/// A small fixed table from packed names to values, looked up with one multiply and a short probe (no
/// `Hasher`, which costs more than the whole lookup should).
///
/// Tables are built once, as static constants, and never freed: their slots live in memory of their own that
/// lookups read without reference counting, and nothing writes after `init` (hence `@unchecked Sendable`).
struct PackedNameTable<Value: Sendable>: @unchecked Sendable {
    private struct Slot {
        var key: PackedName
        /// The length of the key's name.
        var count: Int
        var value: Value?
    }

    private let slots: UnsafeMutableBufferPointer<Slot>
    private let shift: UInt64

    init(_ pairs: [(String, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 4 { bits += 1 }
        shift = 64 - bits
        slots = .allocate(capacity: 1 << bits)
        slots.initialize(repeating: Slot(key: PackedName(lo: 0, hi: 0), count: 0, value: nil))
        for (name, value) in pairs {
            guard let key = PackedName(name) else { preconditionFailure("name too long: \(name)") }
            var slot = Self.slot(key, shift)
            while slots[slot].key.lo != 0 && slots[slot].key != key { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Slot(key: key, count: name.utf8.count, value: value)
        }
    }

    @inline(__always)
    private static func slot(_ key: PackedName, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key.lo ^ (key.hi &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for a name of `count` bytes packed as `key`, nil when there is none.
    @inline(__always)
    func value(_ key: PackedName, count: Int) -> Value? {
        var slot = Self.slot(key, shift)
        while true {
            let entry = slots[slot]
            if entry.key == key { return entry.count == count ? entry.value : nil }
            if entry.key.lo == 0 { return nil }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The value stored for `key` (a name without NUL bytes), nil when there is none.
    @inline(__always)
    func value(_ key: PackedName) -> Value? {
        var slot = Self.slot(key, shift)
        while true {
            let entry = slots[slot]
            if entry.key == key { return entry.value }
            if entry.key.lo == 0 { return nil }
            slot = (slot + 1) & (slots.count - 1)
        }
    }
}
