import ReportModel

/// A report's cells as they are stored (`cells_json` and `cells_packed`), encoded ahead of the write
/// transaction so that the one writer spends its time on SQLite only. Made by ``SQLiteJobQueue/encodeCells(of:)``.
public struct EncodedCells: Sendable, Hashable {
    /// The `cells_json` object, UTF-8.
    let json: [UInt8]
    /// The `cells_packed` blob.
    let packed: [UInt8]

    init(_ rows: [(nameID: Int64, cell: Cell)]) {
        var json: [UInt8] = []
        json.reserveCapacity(rows.count * 8)
        CellsJSON.encode(rows, into: &json)
        self.json = json
        packed = PackedCells.encode(rows)
    }
}
