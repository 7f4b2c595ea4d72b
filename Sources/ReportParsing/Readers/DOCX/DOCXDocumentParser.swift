#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the body of `word/document.xml` into text: one line per paragraph, each table as a grid of tab-separated
/// rows (`TextGrid`).
///
/// A small tolerant scanner over the UTF-8 bytes, not a full XML parser: it knows the few WordprocessingML
/// elements that carry text (`w:p`, `w:t`, `w:tab`, `w:br`, `w:cr`) or table structure (`w:tbl`, `w:tr`, `w:tc`,
/// `w:gridSpan`, `w:vMerge`, `w:hMerge`, `w:gridBefore`), matched by local name, and skips what is not printed
/// text (deleted runs, field instructions, drawings, text boxes, fallback content, paragraph properties).
/// Entities other than the five predefined ones and character references are never expanded, and any markup
/// declaration (`<!DOCTYPE`, `<!ENTITY`) rejects the document at once: Word never writes one, so it can only be
/// an attack (billion laughs, external entities).
struct DOCXDocumentParser {
    /// Why the XML cannot be read.
    enum Failure: Error, Equatable {
        case declaration

        var reason: String {
            switch self {
            case .declaration:
                "Word正文中含有DTD声明（DOCTYPE/ENTITY），正常的Word文档不会有，可能是恶意构造的文件，已拒绝"
            }
        }
    }

    /// Tables nested deeper than this are read as if their cells were paragraphs of the enclosing cell.
    static let maxTableDepth = 16

    /// The document's text.
    static func text(of xml: [UInt8]) throws(Failure) -> String {
        var bytes = xml
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes = Array(Self.utf16(bytes).utf8)
        }
        var parser = DOCXDocumentParser()
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try parser.scan(buffer) }
        return String(decoding: parser.finish(), as: UTF8.self)
    }

    /// The text so far, UTF-8 (every paragraph's bytes made valid as they are ended).
    private var out: [UInt8] = []
    private var paragraph: [UInt8] = []
    private var inParagraph = false
    private var inText = false
    /// Open elements inside a skipped element (0: not skipping).
    private var skipDepth = 0
    private var tables: [DOCXTableBuilder] = []
    /// `w:tbl` elements open beyond `maxTableDepth`.
    private var ignoredTables = 0

    fileprivate enum Tag: Sendable {
        case p, t, tab, br, cr, tbl, tr, tc, gridSpan, vMerge, hMerge, gridBefore, noBreakHyphen
        /// Not printed: its whole subtree is skipped.
        case skipped
        case other
    }

    // MARK: Scanning

    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>) throws(Failure) {
        let n = b.count
        var i = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        while i < n {
            if b[i] != UInt8(ascii: "<") {
                let j = Self.next(UInt8(ascii: "<"), b, from: i + 1)
                if inText && skipDepth == 0 { appendText(b, i, j) }
                i = j
                continue
            }
            guard i + 1 < n else { break }
            switch b[i + 1] {
            case UInt8(ascii: "?"):
                i = Self.find(b, from: i + 2, [UInt8(ascii: "?"), UInt8(ascii: ">")]) ?? n
            case UInt8(ascii: "!"):
                if Self.matches(b, i, "<!--") {
                    i = Self.find(b, from: i + 4, Array("-->".utf8)) ?? n
                } else if Self.matches(b, i, "<![CDATA[") {
                    let end = Self.find(b, from: i + 9, Array("]]>".utf8)) ?? n
                    if inText && skipDepth == 0 { paragraph.append(contentsOf: b[(i + 9)..<max(i + 9, end - 3)]) }
                    i = end
                } else {
                    throw .declaration
                }
            case UInt8(ascii: "/"):
                if skipDepth > 0 {
                    // Inside a skipped element only the depth counts, not the names (a name holds no `>`).
                    i = Self.tagEnd(b, i + 2)
                    skipDepth -= 1
                    continue
                }
                let (nameEnd, localStart) = Self.name(b, i + 2)
                i = Self.tagEnd(b, nameEnd)
                endElement(Self.tag(b, localStart, nameEnd))
            default:
                if skipDepth > 0 {
                    let end = Self.tagEnd(b, i + 1)
                    if !(end >= 2 && b[end - 2] == UInt8(ascii: "/")) { skipDepth += 1 }
                    i = end
                    continue
                }
                let (nameEnd, localStart) = Self.name(b, i + 1)
                let end = Self.tagEnd(b, nameEnd)
                let selfClosing = end >= 2 && b[end - 2] == UInt8(ascii: "/")
                startElement(Self.tag(b, localStart, nameEnd), b, attributes: nameEnd..<max(nameEnd, end - 1),
                             selfClosing: selfClosing)
                i = end
            }
        }
    }

    private mutating func startElement(_ tag: Tag, _ b: UnsafeBufferPointer<UInt8>, attributes: Range<Int>,
                                       selfClosing: Bool) {
        switch tag {
        case .skipped:
            if !selfClosing { skipDepth = 1 }
        case .p:
            if inParagraph { endParagraph() }
            inParagraph = true
            if selfClosing { endParagraph() }
        case .t:
            inText = !selfClosing
        case .tab:
            paragraph.append(tables.isEmpty ? UInt8(ascii: "\t") : UInt8(ascii: " "))
        case .br, .cr:
            paragraph.append(UInt8(ascii: "\n"))
        case .noBreakHyphen:
            paragraph.append(UInt8(ascii: "-"))
        case .tbl:
            if inParagraph { endParagraph() }
            if tables.count >= Self.maxTableDepth {
                if !selfClosing { ignoredTables += 1 }
            } else if !selfClosing {
                tables.append(DOCXTableBuilder())
            }
        case .tr where ignoredTables == 0 && !tables.isEmpty:
            tables[tables.count - 1].startRow()
        case .tc where ignoredTables == 0 && !tables.isEmpty:
            if inParagraph { endParagraph() }
            tables[tables.count - 1].startCell()
        case .gridSpan where ignoredTables == 0 && !tables.isEmpty:
            if let n = Self.number(b, Self.value(b, attributes)) { tables[tables.count - 1].setSpan(n) }
        case .gridBefore where ignoredTables == 0 && !tables.isEmpty:
            if let n = Self.number(b, Self.value(b, attributes)) { tables[tables.count - 1].setGridBefore(n) }
        case .vMerge where ignoredTables == 0 && !tables.isEmpty, .hMerge where ignoredTables == 0 && !tables.isEmpty:
            // No value means "continue"; only "restart" starts a merged block.
            if !Self.equals(b, Self.value(b, attributes), "restart") { tables[tables.count - 1].setCovered() }
        default:
            break
        }
    }

    private mutating func endElement(_ tag: Tag) {
        switch tag {
        case .p:
            if inParagraph { endParagraph() }
        case .t:
            inText = false
        case .tc where ignoredTables == 0 && !tables.isEmpty:
            if inParagraph { endParagraph() }
            tables[tables.count - 1].endCell()
        case .tr where ignoredTables == 0 && !tables.isEmpty:
            tables[tables.count - 1].endRow()
        case .tbl:
            if inParagraph { endParagraph() }
            if ignoredTables > 0 {
                ignoredTables -= 1
            } else if !tables.isEmpty {
                closeTable()
            }
        default:
            break
        }
    }

    private mutating func endParagraph() {
        // Bytes that are not UTF-8 are replaced as `String(decoding:as:)` replaces them, paragraph by paragraph.
        if !paragraph.withUnsafeBufferPointer(UTF8Validator.isValid) {
            paragraph = Array(String(decoding: paragraph, as: UTF8.self).utf8)
        }
        inParagraph = false
        inText = false
        if tables.isEmpty {
            out.append(contentsOf: paragraph)
            out.append(0x0A)
        } else {
            tables[tables.count - 1].addParagraph(paragraph)
        }
        paragraph.removeAll(keepingCapacity: true)
    }

    private mutating func closeTable() {
        var table = tables.removeLast()
        let text = table.render()
        if tables.isEmpty {
            out.append(contentsOf: text)
        } else {
            tables[tables.count - 1].addNestedTable(text)
        }
    }

    private mutating func finish() -> [UInt8] {
        if inParagraph { endParagraph() }
        ignoredTables = 0
        while !tables.isEmpty { closeTable() }
        return out
    }

    /// Appends character data, decoding the predefined entities and character references.
    private mutating func appendText(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var i = start
        var plain = start
        while i < end {
            guard b[i] == UInt8(ascii: "&") else {
                i += 1
                continue
            }
            guard let semicolon = (i + 1..<min(end, i + 12)).first(where: { b[$0] == UInt8(ascii: ";") }),
                  let scalar = Self.entity(b, i + 1, semicolon) else {
                i += 1
                continue
            }
            paragraph.append(contentsOf: b[plain..<i])
            paragraph.append(contentsOf: String(Character(scalar)).utf8)
            i = semicolon + 1
            plain = i
        }
        paragraph.append(contentsOf: b[plain..<end])
    }

    // MARK: Lexical helpers

    private static func entity(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Unicode.Scalar? {
        let name = String(decoding: b[start..<end], as: UTF8.self)
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.map { Unicode.Scalar($0) ?? "\u{FFFD}" }
        }
    }

    /// The end of a tag name starting at `start`, and where its local name starts (after the last colon).
    @inline(__always)
    private static func name(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> (end: Int, local: Int) {
        var i = start
        var local = start
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                 UInt8(ascii: "/"), UInt8(ascii: ">"):
                return (i, local)
            case UInt8(ascii: ":"):
                i += 1
                local = i
            default:
                i += 1
            }
        }
        return (i, local)
    }

    /// The index just past the first `>` after `start`: the end of the tag. Word and every writer seen escape `>`
    /// inside attribute values; a file that does not is misread there, never read out of bounds.
    private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        min(b.count, next(UInt8(ascii: ">"), b, from: start) + 1)
    }

    /// The index of the next `byte` at or after `from`, or `b.count`.
    private static func next(_ byte: UInt8, _ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < b.count, let base = b.baseAddress else { return b.count }
        guard let found = memchr(base + from, Int32(byte), b.count - from) else { return b.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The element a local name (the part after the namespace prefix, `b[s..<end]`) stands for.
    ///
    /// The names of one to three bytes, which are most of the elements a body holds (`w:p`, `w:r`, `w:t`,
    /// `w:tc`, `w:rPr`, …), are told apart by their bytes; longer ones are looked up in `tags`.
    @inline(__always)
    private static func tag(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ end: Int) -> Tag {
        let count = end - s
        switch count {
        case 1:
            switch b[s] {
            case UInt8(ascii: "p"): return .p
            case UInt8(ascii: "t"): return .t
            default: return .other
            }
        case 2:
            switch (b[s], b[s + 1]) {
            case (UInt8(ascii: "b"), UInt8(ascii: "r")): return .br
            case (UInt8(ascii: "c"), UInt8(ascii: "r")): return .cr
            case (UInt8(ascii: "t"), UInt8(ascii: "r")): return .tr
            case (UInt8(ascii: "t"), UInt8(ascii: "c")): return .tc
            default: return .other
            }
        case 3:
            switch (b[s], b[s + 1], b[s + 2]) {
            case (UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "b")): return .tab
            case (UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "l")): return .tbl
            case (UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "r")),
                 (UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "r")),
                 (UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "l")): return .skipped
            default: return .other
            }
        default:
            guard count > 0, count <= PackedName.capacity else { return .other }
            return tags.value(PackedName(loading: b, at: s, count: count), count: count) ?? .other
        }
    }

    /// The local names of four bytes or more the reader knows (shorter ones are matched in `tag`). Besides what
    /// is not printed, property containers that never hold text or table structure (borders, margins, column
    /// widths, section layout) are skipped whole, so their many children are not looked at one by one.
    private static let tags = PackedNameTable<Tag>([
        ("vMerge", .vMerge), ("hMerge", .hMerge), ("gridSpan", .gridSpan), ("gridBefore", .gridBefore),
        ("noBreakHyphen", .noBreakHyphen),
        ("pict", .skipped), ("object", .skipped),
        ("delText", .skipped), ("drawing", .skipped), ("moveFrom", .skipped), ("Fallback", .skipped),
        ("instrText", .skipped), ("txbxContent", .skipped), ("delInstrText", .skipped),
        ("tcBorders", .skipped), ("tcMar", .skipped), ("tblPr", .skipped), ("tblPrEx", .skipped),
        ("tblGrid", .skipped), ("sectPr", .skipped),
    ])

    /// The value of the `val` attribute (any prefix) among a tag's attributes, as a byte range.
    private static func value(_ b: UnsafeBufferPointer<UInt8>, _ attributes: Range<Int>) -> Range<Int>? {
        var i = attributes.lowerBound
        while i + 5 <= attributes.upperBound {
            if b[i] == UInt8(ascii: "v"), b[i + 1] == UInt8(ascii: "a"), b[i + 2] == UInt8(ascii: "l"),
               i > attributes.lowerBound, b[i - 1] == UInt8(ascii: ":") || b[i - 1] == UInt8(ascii: " "),
               b[i + 3] == UInt8(ascii: "=") {
                let quote = b[i + 4]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
                var j = i + 5
                while j < attributes.upperBound && b[j] != quote { j += 1 }
                return (i + 5)..<j
            }
            i += 1
        }
        return nil
    }

    /// A small decimal number (a span or a column count).
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) -> Int? {
        guard let range, !range.isEmpty, range.count <= 6 else { return nil }
        var n = 0
        for k in range {
            guard b[k] >= UInt8(ascii: "0"), b[k] <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b[k] - UInt8(ascii: "0"))
        }
        return n
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?, _ literal: StaticString) -> Bool {
        guard let range, range.count == literal.utf8CodeUnitCount else { return false }
        let start = literal.utf8Start
        for k in 0..<range.count where b[range.lowerBound + k] != start[k] { return false }
        return true
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: StaticString) -> Bool {
        at + literal.utf8CodeUnitCount <= b.count && equals(b, at..<(at + literal.utf8CodeUnitCount), literal)
    }

    /// The index just past the first occurrence of `needle` at or after `from`.
    private static func find(_ b: UnsafeBufferPointer<UInt8>, from: Int, _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, b.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= b.count {
            if b[i] == needle[0] {
                var k = 1
                while k < needle.count && b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i + needle.count }
            }
            i += 1
        }
        return nil
    }

    private static func utf16(_ bytes: [UInt8]) -> String {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
                                      : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
