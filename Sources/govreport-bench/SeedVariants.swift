/// Inputs for the benchmark: the seed, then copies whose table numbers are replaced by others.
enum SeedVariants {
    /// `count` inputs; the first is the seed itself. Only tab-separated cells that are whole numbers or
    /// decimals change, so every variant keeps the seed's layout and size within a few bytes.
    static func make(from seed: [UInt8], count: Int) -> [[UInt8]] {
        let text = String(decoding: seed, as: UTF8.self)
        var inputs = [seed]
        for variant in 1..<max(count, 1) {
            var random = SplitMix64(seed: UInt64(variant))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                guard line.contains("\t") else { return line }
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { cell -> Substring in
                    guard let replacement = renumber(cell, &random) else { return cell }
                    return Substring(replacement)
                }
                return Substring(cells.joined(separator: "\t"))
            }
            inputs.append(Array(lines.joined(separator: "\n").utf8))
        }
        return inputs
    }

    /// Another number of the same shape (integer or 4-decimal amount), or nil when the cell is not a number.
    private static func renumber(_ cell: Substring, _ random: inout SplitMix64) -> String? {
        let parts = cell.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        let whole = random.next() % 200
        if parts.count == 1 { return String(whole) }
        let fraction = String(random.next() % 10_000)
        return "\(whole)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}

/// A small deterministic generator, so every run measures the same inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
