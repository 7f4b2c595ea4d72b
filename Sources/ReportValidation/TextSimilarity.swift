/// How much two texts are the same, measured on their CJK characters.
///
/// The measure is the Jaccard index of the sets of adjacent CJK character pairs (bigrams): shared pairs
/// divided by all distinct pairs of both texts. Digits, Latin letters and punctuation are left out, so
/// changing "2020年" to "2021年" changes nothing. It costs one sort per text, and unlike a containment ratio it
/// does not call two texts the same just because both use the stock phrases of every report.
enum TextSimilarity {
    /// Texts with fewer CJK bigrams than this are not compared ("无" every year is not copying).
    static let minimumBigrams = 20

    /// The Jaccard index of the CJK bigram sets, 0…1; nil when either text is too short to compare.
    static func cjkBigramJaccard(_ a: String, _ b: String) -> Double? {
        let x = bigrams(a)
        let y = bigrams(b)
        guard x.count >= minimumBigrams, y.count >= minimumBigrams else { return nil }
        var i = 0
        var j = 0
        var shared = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] {
                shared += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(x.count + y.count - shared)
    }

    /// The distinct bigrams of the text's CJK characters (other characters skipped), sorted.
    static func bigrams(_ text: String) -> [UInt64] {
        var pairs: [UInt64] = []
        var previous: UInt32?
        for scalar in text.unicodeScalars where NarrativeText.isCJK(scalar.value) {
            if let previous { pairs.append(UInt64(previous) << 32 | UInt64(scalar.value)) }
            previous = scalar.value
        }
        pairs.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where pair != unique.last { unique.append(pair) }
        return unique
    }
}
