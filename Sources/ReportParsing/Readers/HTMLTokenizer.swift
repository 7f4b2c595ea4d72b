#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One piece of markup: text (raw bytes, references not yet decoded), a start tag or an end tag.
enum HTMLToken: Equatable {
    case text(Range<Int>)
    /// `attributes` is the byte range between the name and the closing `>`, read on demand with
    /// `HTMLTokenizer.attribute(_:in:)`.
    case start(name: HTMLTagName, attributes: Range<Int>, selfClosing: Bool)
    case end(name: HTMLTagName)
}

/// A tolerant, single-pass HTML tokenizer over UTF-8 bytes, in linear time.
///
/// Forgiving as browsers are: unclosed tags and comments end at the end of the file, attributes may lack quotes,
/// a `<` that starts no tag is text, comments (Word's conditional comments included), doctypes and processing
/// instructions are skipped, `<![CDATA[…]]>` is text, and the content of `script`, `style` and `title` is
/// skipped up to its end tag.
struct HTMLTokenizer {
    let b: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Set after a raw-text start tag: the content up to `</name` is skipped.
    private var rawTextEnd: HTMLTagName?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.b = bytes
    }

    mutating func next() -> HTMLToken? {
        let n = b.count
        if let name = rawTextEnd {
            rawTextEnd = nil
            position = endOfRawText(name, from: position)
        }
        while position < n {
            let start = position
            if b[start] != UInt8(ascii: "<") {
                position = indexOf(UInt8(ascii: "<"), from: start + 1)
                return .text(start..<position)
            }
            let c1 = start + 1 < n ? b[start + 1] : 0
            if c1 == UInt8(ascii: "!") {
                if matches("<!--", at: start) {
                    position = find("-->", from: start + 4).map { $0 + 3 } ?? n
                    continue
                }
                if matches("<![CDATA[", at: start) {
                    let close = find("]]>", from: start + 9) ?? n
                    position = min(close + 3, n)
                    return .text((start + 9)..<close)
                }
                position = indexOf(UInt8(ascii: ">"), from: start + 2) + 1
                continue
            }
            if c1 == UInt8(ascii: "?") {
                position = indexOf(UInt8(ascii: ">"), from: start + 2) + 1
                continue
            }
            if c1 == UInt8(ascii: "/") {
                let c2 = start + 2 < n ? b[start + 2] : 0
                if Self.isLetter(c2) {
                    let (name, afterName) = readName(from: start + 2)
                    position = indexOf(UInt8(ascii: ">"), from: afterName) + 1
                    if position > n { return nil }  // a tag cut off by the end of the file is dropped
                    return .end(name: name)
                }
                position = indexOf(UInt8(ascii: ">"), from: start + 2) + 1
                continue
            }
            if Self.isLetter(c1) {
                let (name, afterName) = readName(from: start + 1)
                guard let (close, selfClosing) = endOfTag(from: afterName) else {
                    position = n
                    return nil
                }
                position = close + 1
                if name.kind == .skippedContent && !selfClosing { rawTextEnd = name }
                return .start(name: name, attributes: afterName..<close, selfClosing: selfClosing)
            }
            // A "<" that starts no tag is text.
            position = indexOf(UInt8(ascii: "<"), from: start + 1)
            return .text(start..<position)
        }
        return nil
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    /// The tag name and the index after it.
    private func readName(from i: Int) -> (HTMLTagName, Int) {
        var j = i
        while j < b.count {
            let c = b[j]
            if Self.isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") { break }
            j += 1
        }
        return (HTMLTagName(b, i..<j), j)
    }

    /// The index of the `>` that ends a start tag, honouring quoted attribute values, and whether the tag ends
    /// with `/>`; nil when the file ends first. A quote opens a value only right after `=` (spaces between
    /// allowed); such a value is skipped to its closing quote at once.
    private func endOfTag(from i: Int) -> (Int, Bool)? {
        var j = i
        let n = b.count
        while j < n {
            // Not right after `=`: only `>` and `=` matter.
            while j < n && b[j] != UInt8(ascii: ">") && b[j] != UInt8(ascii: "=") { j += 1 }
            if j >= n { return nil }
            if b[j] == UInt8(ascii: ">") { return (j, j > i && b[j - 1] == UInt8(ascii: "/")) }
            j += 1
            while j < n && Self.isSpace(b[j]) { j += 1 }
            if j < n && (b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'")) {
                j = indexOf(b[j], from: j + 1)
                if j >= n { return nil }
                j += 1
            }
        }
        return nil
    }

    /// The index after the content of a raw-text element: the start of `</name`, or the end of the file.
    private func endOfRawText(_ name: HTMLTagName, from i: Int) -> Int {
        let target = name.packed?.bytes ?? []
        var j = i
        while true {
            j = indexOf(UInt8(ascii: "<"), from: j)
            if j >= b.count { return b.count }
            if j + 1 < b.count && b[j + 1] == UInt8(ascii: "/") && j + 2 + target.count <= b.count {
                var same = true
                for (k, t) in target.enumerated() where (b[j + 2 + k] | 0x20) != t {
                    same = false
                    break
                }
                if same {
                    let after = j + 2 + target.count
                    if after == b.count || !Self.isLetter(b[after]) { return j }
                }
            }
            j += 1
        }
    }

    private func matches(_ s: StaticString, at i: Int) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<count where (b[i + k] >= 0x41 && b[i + k] <= 0x5A ? b[i + k] | 0x20 : b[i + k]) != (p[k] >= 0x41 && p[k] <= 0x5A ? p[k] | 0x20 : p[k]) {
            return false
        }
        return true
    }

    /// The first index of `needle` at or after `i`, or nil.
    private func find(_ needle: StaticString, from i: Int) -> Int? {
        let first = needle.utf8Start[0]
        var j = i
        while true {
            j = indexOf(first, from: j)
            if j >= b.count { return nil }
            if matches(needle, at: j) { return j }
            j += 1
        }
    }

    /// The first index of `c` at or after `i`, or `b.count`.
    @inline(__always)
    private func indexOf(_ c: UInt8, from i: Int) -> Int {
        guard i < b.count, let base = b.baseAddress else { return b.count }
        guard let found = memchr(base + i, Int32(c), b.count - i) else { return b.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The value of the attribute `name` (lower-case) in a start tag's attribute range, references decoded;
    /// nil when absent, "" when present without a value.
    func attribute(_ name: StaticString, in range: Range<Int>) -> String? {
        attributes(name, name, in: range).0
    }

    /// The values of two attributes (lower-case names) in one pass over a start tag's attribute range, as
    /// `attribute(_:in:)` gives each.
    func attributes(_ first: StaticString, _ second: StaticString, in range: Range<Int>) -> (String?, String?) {
        var values: (String?, String?) = (nil, nil)
        var found = (false, false)
        var j = range.lowerBound
        let end = range.upperBound
        while j < end {
            while j < end && (Self.isSpace(b[j]) || b[j] == UInt8(ascii: "/")) { j += 1 }
            let nameStart = j
            while j < end && !Self.isSpace(b[j]) && b[j] != UInt8(ascii: "=") && b[j] != UInt8(ascii: "/") { j += 1 }
            if j == nameStart { j += 1; continue }
            let isFirst = !found.0 && isName(first, nameStart..<j)
            let isSecond = !found.1 && isName(second, nameStart..<j)
            var k = j
            while k < end && Self.isSpace(b[k]) { k += 1 }
            var value: Range<Int>? = nil
            if k < end && b[k] == UInt8(ascii: "=") {
                k += 1
                while k < end && Self.isSpace(b[k]) { k += 1 }
                if k < end && (b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'")) {
                    let q = min(indexOf(b[k], from: k + 1), end)
                    value = (k + 1)..<q
                    j = min(q + 1, end)
                } else {
                    var q = k
                    while q < end && !Self.isSpace(b[q]) { q += 1 }
                    value = k..<q
                    j = q
                }
            }
            if isFirst || isSecond {
                let decoded = value.map {
                    HTMLEntities.decode(String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self))
                } ?? ""
                if isFirst { values.0 = decoded; found.0 = true }
                if isSecond { values.1 = decoded; found.1 = true }
                if found.0 && found.1 { break }
            }
        }
        return values
    }

    /// True when `b[range]` is `name` (lower-case) in any case.
    private func isName(_ name: StaticString, _ range: Range<Int>) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for k in 0..<range.count {
            let c = b[range.lowerBound + k]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != p[k] { return false }
        }
        return true
    }
}
