import Foundation

/// One worksheet being written: its rows go straight to a temporary file, so a sheet of a million rows
/// costs no more memory than one row.
final class XLSXSheet {
    /// Excel's limit on rows per sheet.
    static let maxRows = 1_048_576

    let name: String
    let fileURL: URL
    private(set) var rowCount = 0
    private var merges: [String] = []
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(name: String, fileURL: URL, columnWidths: [Double], frozenRows: Int) throws {
        self.name = name
        self.fileURL = fileURL
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
        handle = try FileHandle(forWritingTo: fileURL)
        buffer.reserveCapacity(1 << 16)
        write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        write("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if frozenRows > 0 {
            write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozenRows)\" ")
            write("topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>")
        }
        if !columnWidths.isEmpty {
            write("<cols>")
            for (index, width) in columnWidths.enumerated() {
                write("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
            }
            write("</cols>")
        }
        write("<sheetData>")
    }

    /// Whether the sheet has room for `count` more rows.
    func hasRoom(for count: Int = 1) -> Bool { rowCount + count <= Self.maxRows }

    /// Appends one row.
    func append(_ cells: [XLSXCell]) throws {
        precondition(hasRoom(), "sheet \(name) is full")
        let row = rowCount
        rowCount += 1
        write("<row r=\"\(row + 1)\">")
        for (column, cell) in cells.enumerated() {
            let reference = XLSXCellReference.cell(column: column, row: row)
            switch cell {
            case .empty:
                continue
            case .number(let value):
                guard value.isFinite else { continue }
                write("<c r=\"\(reference)\"><v>\(Self.format(value))</v></c>")
            case .text(let text):
                write("<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                write(XMLText.escaped(text))
                write("</t></is></c>")
            case .header(let text):
                write("<c r=\"\(reference)\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                write(XMLText.escaped(text))
                write("</t></is></c>")
            }
        }
        write("</row>")
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Merges the cells from (`row`, `column`) spanning `rows` × `columns` (0-based; rows already written or not).
    func merge(row: Int, column: Int, rows: Int = 1, columns: Int = 1) {
        guard rows > 1 || columns > 1 else { return }
        merges.append(XLSXCellReference.cell(column: column, row: row) + ":"
                      + XLSXCellReference.cell(column: column + columns - 1, row: row + rows - 1))
    }

    /// Ends the sheet's XML and closes its file.
    func finish() throws {
        write("</sheetData>")
        if !merges.isEmpty {
            write("<mergeCells count=\"\(merges.count)\">")
            for range in merges { write("<mergeCell ref=\"\(range)\"/>") }
            write("</mergeCells>")
        }
        write("</worksheet>")
        try flush()
        try handle.close()
    }

    private func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Numbers as Excel writes them: integers without a fraction, others in shortest round-trip form.
    private static func format(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
