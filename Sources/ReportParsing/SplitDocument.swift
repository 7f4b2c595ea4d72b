/// A document's text as its lines share it: the UTF-8 bytes once, and the matching keys of all lines
/// (`CharacterFolding.key`) written back to back, so that a line is a pair of ranges instead of copies.
///
/// The keys of consecutive lines are one run of bytes: the keys of a stretch of lines joined without separators
/// are `keys[first.keyRange.lowerBound..<last.keyRange.upperBound]`.
final class SplitDocument: Sendable {
    /// The text the lines were split from.
    let text: String
    /// The text's UTF-8 bytes.
    let utf8: [UInt8]
    /// Every line's key, in line order.
    let keys: [UInt8]

    init(text: String, utf8: [UInt8], keys: [UInt8]) {
        self.text = text
        self.utf8 = utf8
        self.keys = keys
    }

    /// The text of a range of `utf8` (which starts and ends on scalar boundaries), copied without validating it
    /// again.
    func string(_ range: Range<Int>) -> String {
        if range.isEmpty { return "" }
        let view = text.utf8
        let lo = view.index(view.startIndex, offsetBy: range.lowerBound)
        let hi = view.index(lo, offsetBy: range.count)
        return String(text[lo..<hi])
    }

    /// Appends the text of a range of `utf8` (scalar boundaries at both ends) to `out`.
    func append(_ range: Range<Int>, to out: inout String) {
        if range.isEmpty { return }
        let view = text.utf8
        let lo = view.index(view.startIndex, offsetBy: range.lowerBound)
        let hi = view.index(lo, offsetBy: range.count)
        out.append(contentsOf: text[lo..<hi])
    }

    /// True when `needle` occurs in the key bytes `range`.
    @inline(__always)
    func key(_ range: Range<Int>, contains needle: [UInt8]) -> Bool {
        keys.withUnsafeBufferPointer { k in
            needle.withUnsafeBufferPointer { n in
                ByteSearch.find(n, in: UnsafeBufferPointer(rebasing: k[range]), from: 0) != nil
            }
        }
    }
}
