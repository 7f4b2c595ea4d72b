#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    ///
    /// Candidates are found by `memchr` on the needle's second byte: in Chinese text that is a continuation byte,
    /// which matches far less often than a lead byte, and `memchr` skips the bytes between matches many at a time.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count, h = haystack.count
        guard n > 0, h - from >= n else { return n == 0 ? from : nil }
        let base = haystack.baseAddress!
        let last = h - n
        if n == 1 {
            guard let p = memchr(base + from, Int32(needle[0]), h - from) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        let first = needle[0], second = Int32(needle[1])
        var i = from
        while i <= last {
            // The next start whose second byte matches, among starts i...last.
            guard let p = memchr(base + i + 1, second, last - i + 1) else { return nil }
            let start = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) - 1
            if haystack[start] == first {
                var j = 2
                while j < n && haystack[start + j] == needle[j] { j += 1 }
                if j == n { return start }
            }
            i = start + 1
        }
        return nil
    }
}
