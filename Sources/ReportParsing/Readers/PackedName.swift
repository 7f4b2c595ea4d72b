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
struct PackedNameTable<Value: Sendable>: Sendable {
    private var keys: [PackedName]
    private var values: [Value?]
    /// The length of each key's name.
    private var counts: [Int]
    private let shift: UInt64

    init(_ pairs: [(String, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = Array(repeating: PackedName(lo: 0, hi: 0), count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        counts = Array(repeating: 0, count: 1 << bits)
        for (name, value) in pairs {
            guard let key = PackedName(name) else { preconditionFailure("name too long: \(name)") }
            var slot = Self.slot(key, shift)
            while keys[slot].lo != 0 && keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
            counts[slot] = name.utf8.count
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
            let k = keys[slot]
            if k == key { return counts[slot] == count ? values[slot] : nil }
            if k.lo == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// The value stored for `key` (a name without NUL bytes), nil when there is none.
    @inline(__always)
    func value(_ key: PackedName) -> Value? {
        var slot = Self.slot(key, shift)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k.lo == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }
}
