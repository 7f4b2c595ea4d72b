import Foundation

/// One worksheet being written: its XML is built in a buffer a row at a time and compressed into the sheet's
/// ZIP entry as it fills, so a sheet of a million rows costs no more memory than the buffer. Cells carry no
/// `r` attribute unless they follow a gap: the position is implied by the order.
final class XLSXSheet {
    /// Excel's limit on rows per sheet.
    static let maxRows = 1_048_576
    /// The buffer is compressed once it holds this much.
    static let flushThreshold = 1 << 18

    let name: String
    @exclusivity(unchecked) private(set) var rowCount = 0
    private var merges: [(row: Int, column: Int, rows: Int, columns: Int)] = []
    /// A `let`, so that writing a cell costs no reference counting; its contents are traded for an empty
    /// buffer's when they go to be compressed.
    private let buffer: XMLBuffer
    private let deflater: Deflater
    private let pipeline: CompressionPipeline
    private let sharedStrings: SharedStrings
    /// The 0-based column the next cell goes to, and the one it would get without an `r` attribute. Only this
    /// class touches them, one call at a time: no run-time exclusivity checks on the hot path.
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var implied = 0
    private var finished = false

    init(name: String, file: TemporaryFile, sharedStrings: SharedStrings, pipeline: CompressionPipeline,
         columnWidths: [Double], frozenRows: Int) throws {
        self.name = name
        self.sharedStrings = sharedStrings
        self.pipeline = pipeline
        buffer = pipeline.emptyBuffer()
        deflater = try Deflater(file: file)
        buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        buffer.append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        buffer.append("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if frozenRows > 0 {
            buffer.append("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"")
            buffer.append(integer: Int64(frozenRows))
            buffer.append("\" topLeftCell=\"A")
            buffer.append(integer: Int64(frozenRows + 1))
            buffer.append("\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>")
        }
        if !columnWidths.isEmpty {
            buffer.append("<cols>")
            for (index, width) in columnWidths.enumerated() {
                buffer.append("<col min=\"")
                buffer.append(integer: Int64(index + 1))
                buffer.append("\" max=\"")
                buffer.append(integer: Int64(index + 1))
                buffer.append("\" width=\"")
                var text = "\(width)"
                text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
                buffer.append("\" customWidth=\"1\"/>")
            }
            buffer.append("</cols>")
        }
        buffer.append("<sheetData>")
    }

    /// The finished sheet's compressed XML (once the pipeline is drained).
    var deflated: Deflater { deflater }

    /// Whether the sheet has room for `count` more rows.
    func hasRoom(for count: Int = 1) -> Bool { rowCount + count <= Self.maxRows }

    /// Appends one row.
    func append(_ cells: [XLSXCell]) throws {
        beginRow()
        for cell in cells { write(cell) }
        try endRow()
    }

    // MARK: - Streaming a row

    /// Starts a row; cells follow with ``write(_:)``, ``skip()`` and the typed writers, then ``endRow()``.
    func beginRow() {
        precondition(hasRoom() && !finished, "sheet \(name) is full or finished")
        rowCount += 1
        column = 0
        implied = 0
        buffer.append("<row>")
    }

    /// Ends the row, compressing the buffer if it is full enough.
    func endRow() throws {
        buffer.append("</row>")
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Leaves the next cell empty.
    @inline(__always)
    func skip() { column += 1 }

    func write(_ cell: XLSXCell) {
        switch cell {
        case .empty: skip()
        case .number(let value): number(value)
        case .text(let text): inline(text, header: false)
        case .header(let text): inline(text, header: true)
        case .shared(let text): shared(text)
        }
    }

    /// A number cell; a value that is not finite leaves the cell empty.
    func number(_ value: Double) {
        guard value.isFinite else { return skip() }
        open()
        buffer.append("><v>")
        buffer.append(number: value)
        buffer.append("</v></c>")
    }

    /// A text cell written in place.
    func inline(_ text: String, header: Bool = false) {
        var text = text
        text.withUTF8 { inline(utf8: UnsafeRawBufferPointer($0), header: header) }
    }

    /// A text cell written in place, from UTF-8 bytes.
    func inline(utf8: UnsafeRawBufferPointer, header: Bool = false) {
        open()
        buffer.append(header ? " s=\"1\" t=\"inlineStr\"><is>" : " t=\"inlineStr\"><is>")
        buffer.append(XMLBuffer.needsPreserve(utf8) ? "<t xml:space=\"preserve\">" : "<t>")
        buffer.append(escaping: utf8)
        buffer.append("</t></is></c>")
    }

    /// A text cell stored once in the shared strings (in place when the table is full).
    func shared(_ text: String) {
        if text.isEmpty { return inline(text) }
        guard let index = sharedStrings.index(of: text) else { return inline(text) }
        sharedIndex(index)
    }

    /// A cell referring to a shared string by its index.
    func sharedIndex(_ index: Int) {
        sharedStrings.referenced()
        open()
        buffer.append(" t=\"s\"><v>")
        buffer.append(integer: Int64(index))
        buffer.append("</v></c>")
    }

    /// `<c`, with the cell's reference when it does not follow the previous cell.
    @inline(__always)
    private func open() {
        if column == implied {
            buffer.append("<c")
        } else {
            buffer.append("<c r=\"")
            buffer.append(XLSXCellReference.letterBytes(column))
            buffer.append(integer: Int64(rowCount))
            buffer.append(byte: UInt8(ascii: "\""))
        }
        column += 1
        implied = column
    }

    // MARK: - Finishing

    /// Merges the cells from (`row`, `column`) spanning `rows` × `columns` (0-based; rows already written or not).
    func merge(row: Int, column: Int, rows: Int = 1, columns: Int = 1) {
        guard rows > 1 || columns > 1 else { return }
        merges.append((row, column, rows, columns))
    }

    /// Ends the sheet's XML and its compressed stream (on the compression thread).
    func finish() throws {
        guard !finished else { return }
        finished = true
        buffer.append("</sheetData>")
        if !merges.isEmpty {
            buffer.append("<mergeCells count=\"")
            buffer.append(integer: Int64(merges.count))
            buffer.append("\">")
            for merge in merges {
                buffer.append("<mergeCell ref=\"")
                buffer.append(XLSXCellReference.letterBytes(merge.column))
                buffer.append(integer: Int64(merge.row + 1))
                buffer.append(byte: UInt8(ascii: ":"))
                buffer.append(XLSXCellReference.letterBytes(merge.column + merge.columns - 1))
                buffer.append(integer: Int64(merge.row + merge.rows))
                buffer.append("\"/>")
            }
            buffer.append("</mergeCells>")
        }
        buffer.append("</worksheet>")
        try flush()
        pipeline.finish(deflater)
    }

    /// Hands the buffer's contents to the compression thread and goes on with an empty buffer.
    private func flush() throws {
        let full = pipeline.emptyBuffer()
        full.exchange(with: buffer)
        try pipeline.compress(full, into: deflater)
    }
}
