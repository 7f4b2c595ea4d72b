/// How much two texts are the same, measured on their CJK characters.
///
/// The measure is the Jaccard index of the sets of adjacent CJK character pairs (bigrams): shared pairs
/// divided by all distinct pairs of both texts. Digits, Latin letters and punctuation are left out, so
/// changing "2020年" to "2021年" changes nothing. It costs one pass over each text (`BigramSet`), and unlike a
/// containment ratio it does not call two texts the same just because both use the stock phrases of every report.
enum TextSimilarity {
    /// Texts with fewer CJK bigrams than this are not compared ("无" every year is not copying).
    static let minimumBigrams = 20

    /// The Jaccard index of the CJK bigram sets, 0…1; nil when either text is too short to compare.
    static func cjkBigramJaccard(_ a: String, _ b: String) -> Double? {
        let x = BigramSet(a)
        guard x.count >= minimumBigrams else { return nil }
        let y = BigramSet(b)
        guard y.count >= minimumBigrams else { return nil }
        var shared = 0
        y.forEach { if x.contains($0) { shared += 1 } }
        return Double(shared) / Double(x.count + y.count - shared)
    }
}
