import Foundation
import ZIPFoundation

/// Writes an Office Open XML workbook (`.xlsx`): sheets are streamed to temporary files row by row, then
/// packed into the ZIP container. No spreadsheet application is involved.
public final class XLSXWorkbook {
    /// Refers to one sheet of the workbook.
    public struct SheetID: Hashable, Sendable {
        let index: Int
    }

    private let directory: URL
    private var sheets: [XLSXSheet] = []
    private var names: Set<String> = []

    /// A workbook whose parts are kept in a new folder under `temporaryDirectory` until `write(to:)`.
    public init(temporaryDirectory: URL = FileManager.default.temporaryDirectory) throws {
        directory = temporaryDirectory.appendingPathComponent("govreport-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Adds a sheet; `name` is made valid (at most 31 characters, none of `[]:*?/\`) and unique.
    public func addSheet(_ name: String, columnWidths: [Double] = [], frozenRows: Int = 0) throws -> SheetID {
        let unique = uniqueName(name)
        names.insert(unique)
        let url = directory.appendingPathComponent("sheet\(sheets.count + 1).xml")
        sheets.append(try XLSXSheet(name: unique, fileURL: url, columnWidths: columnWidths, frozenRows: frozenRows))
        return SheetID(index: sheets.count - 1)
    }

    /// Appends a row to a sheet.
    public func append(_ cells: [XLSXCell], to sheet: SheetID) throws {
        try sheets[sheet.index].append(cells)
    }

    /// Merges a block of cells of a sheet (0-based row and column).
    public func merge(_ sheet: SheetID, row: Int, column: Int, rows: Int = 1, columns: Int = 1) {
        sheets[sheet.index].merge(row: row, column: column, rows: rows, columns: columns)
    }

    /// Rows written to a sheet so far.
    public func rowCount(of sheet: SheetID) -> Int { sheets[sheet.index].rowCount }

    /// Whether a sheet can take `count` more rows (Excel's limit is 1,048,576 per sheet).
    public func hasRoom(in sheet: SheetID, for count: Int = 1) -> Bool { sheets[sheet.index].hasRoom(for: count) }

    /// Finishes every sheet and writes the workbook to `url` (which must not exist yet).
    public func write(to url: URL) throws {
        for sheet in sheets { try sheet.finish() }
        let archive = try Archive(url: url, accessMode: .create)
        try add(WorkbookParts.contentTypes(sheetCount: sheets.count), as: "[Content_Types].xml", to: archive)
        try add(WorkbookParts.packageRelationships, as: "_rels/.rels", to: archive)
        try add(WorkbookParts.workbook(sheetNames: sheets.map(\.name)), as: "xl/workbook.xml", to: archive)
        try add(WorkbookParts.workbookRelationships(sheetCount: sheets.count), as: "xl/_rels/workbook.xml.rels",
                to: archive)
        try add(WorkbookParts.styles, as: "xl/styles.xml", to: archive)
        for (index, sheet) in sheets.enumerated() {
            try addFile(sheet.fileURL, as: "xl/worksheets/sheet\(index + 1).xml", to: archive)
        }
    }

    private func add(_ text: String, as path: String, to archive: Archive) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                             provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }

    /// Adds a file in chunks, so a large sheet is never read into memory whole.
    private func addFile(_ file: URL, as path: String, to archive: Archive) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                             provider: { position, chunk in
                                 try handle.seek(toOffset: UInt64(position))
                                 return try handle.read(upToCount: chunk) ?? Data()
                             })
    }

    private func uniqueName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var base = String(name.filter { !forbidden.contains($0) }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var candidate = base
        var counter = 2
        while names.contains(candidate) {
            let suffix = "(\(counter))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }
}
