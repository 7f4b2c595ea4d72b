import ReportModel

/// The distinct adjacent CJK character pairs (bigrams) of a text, held in an open-addressing hash table.
///
/// Built in one pass over the text's scalars with no sorting; membership tests are a multiply and a probe or
/// two. A pair is the two scalar values packed into 64 bits, never 0 (0 marks an empty slot).
struct BigramSet {
    /// Hash slots, a power of two in number, at most half full; 0 is an empty slot.
    private var slots: [UInt64]
    /// How far to shift the multiplied pair to get a slot index.
    private let shift: UInt64
    /// The number of distinct pairs.
    private(set) var count = 0

    /// The bigrams of `text`'s CJK characters; characters of other kinds are skipped, as if absent.
    init(_ text: String) {
        // Each UTF-8 CJK scalar takes at least three bytes, so this bounds the number of pairs.
        let bound = max(text.utf8.count / 3, 1)
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < 2 * bound {
            capacity <<= 1
            bits += 1
        }
        shift = 64 - bits
        slots = Array(repeating: 0, count: capacity)
        var scalars: [UInt32] = []
        let walked: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            scalars.reserveCapacity(bound + 1)
            var i = 0
            while i < bytes.count {
                let value = UTF8Scalar.decode(bytes, at: &i)
                if NarrativeText.isCJK(value) { scalars.append(value) }
            }
        }
        if walked == nil {
            scalars = text.unicodeScalars.map(\.value).filter(NarrativeText.isCJK)
        }
        var added = 0
        let shift = shift
        slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            for i in scalars.indices.dropFirst() {
                let pair = UInt64(scalars[i - 1]) << 32 | UInt64(scalars[i])
                var index = Int(truncatingIfNeeded: (pair &* Self.multiplier) >> shift)
                while table[index] != 0 && table[index] != pair { index = (index + 1) & mask }
                if table[index] == 0 {
                    table[index] = pair
                    added += 1
                }
            }
        }
        count = added
    }

    /// True when the pair is in the set.
    func contains(_ pair: UInt64) -> Bool {
        var index = slot(of: pair)
        while true {
            let held = slots[index]
            if held == pair { return true }
            if held == 0 { return false }
            index = (index + 1) & (slots.count - 1)
        }
    }

    /// Calls `body` once with every pair of the set, in no particular order.
    func forEach(_ body: (UInt64) -> Void) {
        for pair in slots where pair != 0 { body(pair) }
    }

    /// The slot a pair hashes to (Fibonacci hashing).
    private func slot(of pair: UInt64) -> Int {
        Int(truncatingIfNeeded: (pair &* Self.multiplier) >> shift)
    }

    /// Fibonacci hashing's multiplier, 2^64 divided by the golden ratio.
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
}
