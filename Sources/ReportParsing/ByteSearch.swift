/// Substring tests on UTF-8 bytes: `String.contains` compares grapheme clusters, far too slow for a parser
/// that asks thousands of such questions per report.
extension String {
    /// True when `needle` occurs in the string, comparing UTF-8 bytes.
    @inline(__always)
    func containsBytes(_ needle: String) -> Bool {
        // Native strings (all this parser makes) lend their bytes without a copy; anything else is copied once.
        if let found = utf8.withContiguousStorageIfAvailable({ h in
            needle.utf8.withContiguousStorageIfAvailable { n in ByteSearch.find(n, in: h, from: 0) != nil }
        }), let found {
            return found
        }
        let h = Array(utf8), n = Array(needle.utf8)
        return h.withUnsafeBufferPointer { h in n.withUnsafeBufferPointer { n in ByteSearch.find(n, in: h, from: 0) != nil } }
    }
}

enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count, h = haystack.count
        guard n > 0, h - from >= n else { return n == 0 ? from : nil }
        let first = needle[0]
        // The last byte is compared next: Chinese text repeats few lead bytes, so the first byte alone matches often.
        let final = needle[n - 1]
        var i = from
        let last = h - n
        while i <= last {
            if haystack[i] == first && haystack[i + n - 1] == final {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }
}
