import Foundation

/// The workbook's shared-string table (`xl/sharedStrings.xml`): text that repeats (names, labels, rules,
/// messages) is stored once and cells refer to it by number. It holds at most `maxCount` strings and
/// `maxBytes` of text, so memory stays bounded; once full, new text is written inline instead.
final class SharedStrings {
    private let maxCount: Int
    private let maxBytes: Int

    private var indices: [Key: Int] = [:]
    private(set) var strings: [String] = []
    private var bytes = 0
    /// Cells that refer to the table (the `count` of the part).
    @exclusivity(unchecked) private(set) var references = 0

    var isEmpty: Bool { strings.isEmpty }

    init(maxCount: Int = 100_000, maxBytes: Int = 8 << 20) {
        self.maxCount = maxCount
        self.maxBytes = maxBytes
    }

    /// The index of `text`, adding it if there is room; nil when the table is full and `text` is new.
    func index(of text: String) -> Int? {
        if let index = indices[Key(text: text)] { return index }
        let size = text.utf8.count
        guard strings.count < maxCount, bytes + size <= maxBytes else { return nil }
        let index = strings.count
        indices[Key(text: text)] = index
        strings.append(text)
        bytes += size
        return index
    }

    /// Counts one more cell referring to the table.
    func referenced() { references += 1 }

    /// Writes the part's XML through `write`, in pieces.
    func writeXML(_ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = XMLBuffer(capacity: 1 << 16)
        buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        buffer.append("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
        buffer.append(integer: Int64(references))
        buffer.append("\" uniqueCount=\"")
        buffer.append(integer: Int64(strings.count))
        buffer.append("\">")
        for var text in strings {
            text.withUTF8 { utf8 in
                let raw = UnsafeRawBufferPointer(utf8)
                buffer.append(XMLBuffer.needsPreserve(raw) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
                buffer.append(escaping: raw)
                buffer.append("</t></si>")
            }
            if buffer.count >= 1 << 16 {
                try write(buffer.bytes)
                buffer.removeAll()
            }
        }
        buffer.append("</sst>")
        try write(buffer.bytes)
    }

    /// Text compared and hashed by its UTF-8 bytes: much cheaper than `String`'s Unicode-aware hashing for
    /// Chinese text (canonically equal spellings in different bytes just get two entries).
    private struct Key: Hashable {
        var text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            var left = lhs.text
            var right = rhs.text
            return left.withUTF8 { a in
                right.withUTF8 { b in
                    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
