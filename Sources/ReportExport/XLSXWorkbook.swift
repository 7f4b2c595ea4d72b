import Foundation

/// Writes an Office Open XML workbook (`.xlsx`): each sheet's XML is compressed as its rows arrive (on a
/// thread of its own, see ``CompressionPipeline``), into a scratch file with no name; ``write(to:)`` then puts the parts and the compressed sheets into the ZIP
/// container front to back. No spreadsheet application is involved.
public final class XLSXWorkbook {
    /// Refers to one sheet of the workbook.
    public struct SheetID: Hashable, Sendable {
        let index: Int
    }

    private let directory: URL
    private var sheets: [XLSXSheet] = []
    private var names: Set<String> = []
    let sharedStrings: SharedStrings
    private let pipeline = CompressionPipeline(bufferCapacity: XLSXSheet.flushThreshold + (1 << 14))
    /// Write ZIP64 fields even where the values fit (for tests).
    var forceZip64 = false

    /// A workbook whose sheets are compressed into scratch files in `temporaryDirectory` until written.
    public convenience init(temporaryDirectory: URL = FileManager.default.temporaryDirectory) throws {
        try self.init(temporaryDirectory: temporaryDirectory, sharedStrings: SharedStrings())
    }

    /// A workbook with a shared-string table of its own limits.
    init(temporaryDirectory: URL, sharedStrings: SharedStrings) throws {
        directory = temporaryDirectory
        self.sharedStrings = sharedStrings
    }

    /// Adds a sheet; `name` is made valid (at most 31 characters, none of `[]:*?/\`) and unique.
    public func addSheet(_ name: String, columnWidths: [Double] = [], frozenRows: Int = 0) throws -> SheetID {
        let unique = uniqueName(name)
        names.insert(unique)
        sheets.append(try XLSXSheet(name: unique, file: try TemporaryFile(in: directory), sharedStrings: sharedStrings,
                                    pipeline: pipeline, columnWidths: columnWidths, frozenRows: frozenRows))
        return SheetID(index: sheets.count - 1)
    }

    /// Appends a row to a sheet.
    public func append(_ cells: [XLSXCell], to sheet: SheetID) throws {
        try sheets[sheet.index].append(cells)
    }

    /// The sheet itself, for writing rows cell by cell.
    func sheet(_ id: SheetID) -> XLSXSheet { sheets[id.index] }

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
        let output = try FileOutput(creating: url.path)
        try write(to: output)
    }

    /// Finishes every sheet and writes the workbook's bytes to `output`, front to back.
    public func write(to output: FileOutput) throws {
        for sheet in sheets { try sheet.finish() }
        try pipeline.drain()
        let zip = ZIPWriter(output: output, forceZip64: forceZip64)
        let shared = !sharedStrings.isEmpty
        try zip.add("[Content_Types].xml",
                    bytes: Array(WorkbookParts.contentTypes(sheetCount: sheets.count, sharedStrings: shared).utf8))
        try zip.add("_rels/.rels", bytes: Array(WorkbookParts.packageRelationships.utf8))
        try zip.add("xl/workbook.xml", bytes: Array(WorkbookParts.workbook(sheetNames: sheets.map(\.name)).utf8))
        try zip.add("xl/_rels/workbook.xml.rels",
                    bytes: Array(WorkbookParts.workbookRelationships(sheetCount: sheets.count, sharedStrings: shared).utf8))
        try zip.add("xl/styles.xml", bytes: Array(WorkbookParts.styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(index + 1).xml", deflated: sheet.deflated)
        }
        if shared {
            let deflater = try Deflater(file: try TemporaryFile(in: directory))
            try sharedStrings.writeXML { try deflater.write($0) }
            try deflater.finish()
            try zip.add("xl/sharedStrings.xml", deflated: deflater)
        }
        try zip.finish()
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
