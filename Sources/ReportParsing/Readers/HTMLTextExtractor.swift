/// Walks a page's tokens once and writes its text: paragraphs and other blocks one per line, statistics tables
/// one tab-separated line per row (`HTMLTableBuilder`), plus what the page checks need (links to attachments,
/// table count, how much text there is).
struct HTMLTextExtractor {
    /// Tables nested deeper than this are read as part of the enclosing cell (bounds the copying of text).
    static let maxTableDepth = 8
    /// File name endings of links that point to the report as an attachment.
    static let attachmentExtensions = ["pdf", "doc", "docx", "wps", "xls", "xlsx", "zip", "rar", "ofd", "ceb"]

    /// The document's text outside tables (and tables rendered as lines).
    private(set) var document = HTMLTextBuffer()
    private var tables: [HTMLTableBuilder] = []
    /// Tables ignored because they were nested too deep; their end tags are ignored too.
    private var ignoredTables = 0
    /// Statistics tables (not layout tables) with at least two rows.
    private(set) var dataTables = 0
    /// File names of linked attachments, in order, without repeats.
    private(set) var attachments: [String] = []
    /// Page text bytes seen so far (before collapsing white space), to stop early on absurd pages.
    private(set) var textBytes = 0

    /// Reads all tokens; false when the page's text exceeded `textLimit` bytes (reading stopped there).
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, textLimit: Int) -> Bool {
        var tokenizer = HTMLTokenizer(bytes)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                textBytes += range.count
                if textBytes > textLimit { return false }
                appendText { $0.append(bytes, range) }
            case .start(let name, let attributes, let selfClosing):
                start(name, attributes: attributes, selfClosing: selfClosing, tokenizer)
            case .end(let name):
                end(name)
            }
        }
        while !tables.isEmpty { closeTable() }
        return true
    }

    /// The text, every line ended.
    mutating func finish() -> [UInt8] {
        while !tables.isEmpty { closeTable() }
        return document.finish()
    }

    private mutating func start(_ name: HTMLTagName, attributes: Range<Int>, selfClosing: Bool, _ tokenizer: HTMLTokenizer) {
        switch name.kind {
        case .table:
            if tables.count >= Self.maxTableDepth {
                ignoredTables += 1
                appendText { $0.breakLine() }
                return
            }
            if !tables.isEmpty, tables[tables.count - 1].cellOpen {
                tables[tables.count - 1].containsTable = true
            }
            appendText { $0.breakLine() }
            tables.append(HTMLTableBuilder())
        case .tr:
            guard ignoredTables == 0, !tables.isEmpty else { return appendText { $0.breakLine() } }
            tables[tables.count - 1].startRow()
        case .cell:
            guard ignoredTables == 0, !tables.isEmpty else { return appendText { $0.append(" ") } }
            let (rowspanValue, colspanValue) = tokenizer.attributes("rowspan", "colspan", in: attributes)
            let rowspan = Self.span(rowspanValue)
            let colspan = Self.span(colspanValue)
            tables[tables.count - 1].startCell(rowspan: rowspan ?? 1, colspan: colspan ?? 1)
        case .a:
            if let href = tokenizer.attribute("href", in: attributes), let file = Self.attachmentName(href),
               !attachments.contains(file), attachments.count < 20 {
                attachments.append(file)
            }
        case .block:
            appendText { $0.breakLine() }
        case .img, .skippedContent, .other:
            break
        }
    }

    private mutating func end(_ name: HTMLTagName) {
        switch name.kind {
        case .table:
            if ignoredTables > 0 {
                ignoredTables -= 1
                appendText { $0.breakLine() }
            } else if !tables.isEmpty {
                closeTable()
            }
        case .tr:
            if ignoredTables == 0, !tables.isEmpty { tables[tables.count - 1].endRow() } else { appendText { $0.breakLine() } }
        case .cell:
            if ignoredTables == 0, !tables.isEmpty { tables[tables.count - 1].endCell() }
        case .block:
            appendText { $0.breakLine() }
        case .a, .img, .skippedContent, .other:
            break
        }
    }

    /// Ends the innermost table and writes its lines where it stands: into the enclosing cell, or the document.
    private mutating func closeTable() {
        var table = tables.removeLast()
        table.endRow()
        if !table.isLayout && table.rowCount >= 2 { dataTables += 1 }
        let lines = table.render()
        appendText { $0.append(lines: lines) }
    }

    /// Runs `body` on where text goes now: the open cell of the innermost table that has one, else the document.
    private mutating func appendText(_ body: (inout HTMLTextBuffer) -> Void) {
        var i = tables.count - 1
        while i >= 0 {
            if tables[i].withOpenCell(body) { return }
            i -= 1
        }
        body(&document)
    }

    /// A `rowspan`/`colspan` value: its leading digits (`"2"`, `2/`, `" 3 "`), nil when there are none.
    static func span(_ value: String?) -> Int? {
        guard let value else { return nil }
        let digits = value.drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber }).prefix(6)
        return Int(digits)
    }

    /// The file name a link points to when it is a document attachment (`/files/2021年报.pdf?x=1` → `2021年报.pdf`).
    static func attachmentName(_ href: String) -> String? {
        var path = Substring(href)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard attachmentExtensions.contains(ext) else { return nil }
        return name.removingPercentEncodingIfPossible
    }
}

extension String {
    /// The string with `%XX` escapes decoded when they form UTF-8, else the string as it is.
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var out: [UInt8] = []
        let b = Array(utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count,
               let hi = HTMLEntities.digit(b[i + 1], hex: true), let lo = HTMLEntities.digit(b[i + 2], hex: true) {
                out.append(UInt8(hi * 16 + lo))
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self) ?? self
    }
}
