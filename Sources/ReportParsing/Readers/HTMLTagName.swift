/// A lower-cased HTML tag name as the tokenizer read it, with what the reader does with such an element.
struct HTMLTagName: Equatable, Sendable, CustomStringConvertible {
    /// What an element means to the reader.
    enum Kind: UInt8, Sendable {
        case other, table, tr, cell, a, img
        /// Starts and ends a line (`p`, `div`, `br`, `li` …).
        case block
        /// Its content is not markup and not report text (`script`, `style`, `title` …).
        case skippedContent
    }

    /// The name, lower-cased; nil for a name longer than 16 bytes (no element the reader knows).
    let packed: PackedName?
    /// The name's length in bytes.
    let count: Int
    let kind: Kind

    @inline(__always)
    init(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        count = range.count
        if count > 0 && count <= PackedName.capacity {
            let name = PackedName(loadingLowercased: b, at: range.lowerBound, count: count)
            packed = name
            kind = Self.kinds.value(name, count: count) ?? .other
        } else {
            packed = nil
            kind = .other
        }
    }

    /// The name's bytes (up to the first NUL, if it holds one).
    var description: String { String(decoding: packed?.bytes ?? [], as: UTF8.self) }

    static let blocks: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
        "blockquote", "pre", "section", "article", "header", "footer", "nav", "aside", "center", "hr", "form",
        "address", "figure", "figcaption", "caption", "main", "fieldset", "legend", "details", "summary", "body",
        "html", "head", "option", "noscript",
    ]

    static let skippedContent: Set<String> = ["script", "style", "title", "textarea", "xml", "template", "noembed"]

    static let kinds = PackedNameTable<Kind>(
        blocks.filter { $0 != "table" && $0 != "tr" }.map { ($0, .block) } + skippedContent.map { ($0, .skippedContent) }
            + [("table", .table), ("tr", .tr), ("td", .cell), ("th", .cell), ("a", .a), ("img", .img)])
}
