/// The search behind `CellPlacement.splitCandidates`: every way of cutting the digit runs of a piece of evidence
/// into exactly `slots` values, as one struct with flat buffers instead of nested closures, arrays of cuts and a
/// shared budget object. Each step spends from the budget exactly where the nested enumeration did, so the search
/// gives up in exactly the same cases.
struct DigitSplitSearch {
    /// The folded, space-free bytes of every piece, one after another.
    private var bytes: [UInt8] = []
    private var pieceStart: [Int] = []
    private var pieceLength: [Int] = []
    /// A piece of two or more ASCII digits, which may be cut.
    private var splittable: [Bool] = []
    /// Pool index of each piece read whole.
    private let read: [Int]
    private let limit: Int
    private var budget: Int
    /// The pool name of each cut (piece, start, end), `unread` until read; `cutOffset[i]` is where piece i's table starts.
    private var cutOffset: [Int] = []
    private var cutIndex: UnsafeMutablePointer<Int>
    /// The candidate being built (pool names, the first `currentCount` of `stack`), then from `currentCapacity` the
    /// cuts of the piece being cut as (start, end) pairs still to be read.
    private var stack: UnsafeMutablePointer<Int>
    /// Owns the memory of `cutIndex` and `stack`, which the search writes through pointers (no copy-on-write
    /// checks on every step).
    private let storage: Storage
    private var currentCapacity = 0
    private var currentCount = 0
    private var cutCount = 0
    private(set) var out = CellPlacement.Candidates()
    /// A cut not read yet (pool names are indices, -1 or codes below it).
    static let unread = Int.min

    /// Integers on the heap, freed with the last copy of the search.
    private final class Storage {
        let ints: UnsafeMutablePointer<Int>

        init(count: Int) {
            ints = .allocate(capacity: max(count, 1))
            ints.initialize(repeating: 0, count: max(count, 1))
        }

        deinit { ints.deallocate() }
    }

    /// Nil when there is nothing to split: no piece of two or more digits, or fewer digits than slots.
    init?(values: [String], read: [Int], slots: Int, limit: Int) {
        self.read = read
        self.limit = limit
        self.budget = limit * 10
        var capacity = 0
        for value in values { capacity += value.utf8.count }
        bytes.reserveCapacity(capacity)
        pieceStart.reserveCapacity(values.count)
        pieceLength.reserveCapacity(values.count)
        splittable.reserveCapacity(values.count)
        var anyRun = false
        var total = 0
        for value in values {
            let start = bytes.count
            DigitSplitSearch.appendCompact(value, to: &bytes)
            var allDigits = true
            for k in start..<bytes.count where bytes[k] < 0x30 || bytes[k] > 0x39 {
                allDigits = false
                break
            }
            let length = bytes.count - start
            pieceStart.append(start)
            pieceLength.append(length)
            splittable.append(length >= 2 && allDigits)
            if length >= 2 && allDigits { anyRun = true }
            total += allDigits ? length : 1
        }
        guard anyRun, total >= slots else { return nil }
        var cells = 0
        cutOffset = [Int](repeating: 0, count: values.count)
        for i in 0..<values.count where pieceLength[i] >= 2 {
            cutOffset[i] = cells
            cells += (pieceLength[i] + 1) * (pieceLength[i] + 1)
        }
        // Each piece gives at least one number and a cut piece no more numbers than it has digits; the cuts on the
        // stack (of the pieces being cut, one inside the other) are no more than the numbers.
        currentCapacity = total + values.count + 1
        storage = Storage(count: cells + 3 * currentCapacity)
        cutIndex = storage.ints
        cutIndex.update(repeating: DigitSplitSearch.unread, count: cells)
        stack = storage.ints + cells
        out.entries.reserveCapacity(slots * 16)
    }

    /// `CharacterFolding.compact` as UTF-8 bytes; ASCII text (folding leaves it as it is) is copied directly.
    static func appendCompact(_ value: String, to out: inout [UInt8]) {
        var value = value
        let ascii: Bool = value.withUTF8 { b in
            for x in b where x >= 0x80 { return false }
            for x in b where x != 0x20 && x != 0x09 { out.append(x) }
            return true
        }
        if !ascii { out.append(contentsOf: CharacterFolding.compact(value).utf8) }
    }

    /// Runs the search; the candidates, or none when the search was cut short (a partial search would make a guess
    /// look certain).
    mutating func run(slots: Int, pool: inout CellPool) -> CellPlacement.Candidates {
        go(0, slots, pool: &pool)
        return out.count >= limit || budget < 0 ? CellPlacement.Candidates() : out
    }

    /// Takes one step from the budget; false once it is spent.
    private mutating func spend() -> Bool {
        budget -= 1
        return budget >= 0
    }

    /// Places pieces i… into `remaining` numbers: piece i whole, or cut into two or more when it is a digit run.
    private mutating func go(_ i: Int, _ remaining: Int, pool: inout CellPool) {
        guard out.count < limit, spend() else { return }
        if i == pieceLength.count {
            if remaining == 0 {
                for k in 0..<currentCount { out.entries.append(stack[k]) }
                out.count += 1
            }
            return
        }
        let length = pieceLength[i]
        let tokensLeft = pieceLength.count - i - 1
        let maxParts = splittable[i] ? min(length, remaining - tokensLeft) : 1
        guard maxParts >= 1 else { return }
        for parts in 1...maxParts {
            if parts == 1 {
                stack[currentCount] = read[i]
                currentCount += 1
                go(i + 1, remaining - 1, pool: &pool)
                currentCount -= 1
            } else {
                cut(i, from: 0, left: parts, remaining: remaining - parts, firstCut: cutCount, pool: &pool)
            }
        }
    }

    /// Cuts piece i from `start` into `left` more numbers without leading zeros, then goes on with the next piece;
    /// the piece's cuts so far are those on the stack from `firstCut`.
    private mutating func cut(_ i: Int, from start: Int, left: Int, remaining: Int, firstCut: Int, pool: inout CellPool) {
        guard spend() else { return }
        let length = pieceLength[i], base = pieceStart[i]
        let zero = UInt8(ascii: "0")
        if left == 1 {
            let count = length - start
            if count <= CellPlacement.maxDigitsPerCell && (count == 1 || bytes[base + start] != zero) {
                stack[currentCapacity + 2 * cutCount] = start
                stack[currentCapacity + 2 * cutCount + 1] = length
                cutCount += 1
                let before = currentCount
                for k in firstCut..<cutCount {
                    let c = cell(i, stack[currentCapacity + 2 * k], stack[currentCapacity + 2 * k + 1], pool: &pool)
                    stack[currentCount] = c
                    currentCount += 1
                }
                go(i + 1, remaining, pool: &pool)
                currentCount = before
                cutCount -= 1
            }
            return
        }
        let maxEnd = min(length - (left - 1), start + CellPlacement.maxDigitsPerCell)
        var end = start + 1
        while end <= maxEnd {
            if end - start > 1 && bytes[base + start] == zero { break }
            stack[currentCapacity + 2 * cutCount] = start
            stack[currentCapacity + 2 * cutCount + 1] = end
            cutCount += 1
            cut(i, from: end, left: left - 1, remaining: remaining, firstCut: firstCut, pool: &pool)
            cutCount -= 1
            end += 1
        }
    }

    /// The pool name of the number cut from piece i, read once however many splits share it.
    private mutating func cell(_ i: Int, _ lo: Int, _ hi: Int, pool: inout CellPool) -> Int {
        let key = cutOffset[i] + lo * (pieceLength[i] + 1) + hi
        if cutIndex[key] == DigitSplitSearch.unread {
            // A cut is at most 12 digits without a leading zero: its text is its integer in plain decimal.
            var n: Int64 = 0
            let base = pieceStart[i]
            for k in lo..<hi { n = n * 10 + Int64(bytes[base + k] - 0x30) }
            cutIndex[key] = pool.index(cutInteger: n)
        }
        return cutIndex[key]
    }
}
