import ReportModel

/// The `reports.cells_json` column: all of a report's cells as one compact JSON object keyed by name id, which
/// the `cells` view unfolds with `json_each` for SQL users (the program itself reads `cells_packed`).
///
/// A cell whose printed text is exactly its integer value — kind `zero` for 0, `number` otherwise, no unit, not
/// inferred — is that integer alone: `"17":5`. Any other cell is an array `[raw, kind, value, unit, inferred]`
/// whose trailing `null` / `0` elements are left out: `"18":["1,234件","number",1234,"件"]`, `"19":["—","na"]`.
/// A decimal is written so that it reads back as REAL (`3.0`, `1e+20`); one that is not finite is `null`.
enum CellsJSON {
    /// Appends the object for cells sorted by name id to `bytes`.
    static func encode(_ cells: [(nameID: Int64, cell: Cell)], into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, (nameID, cell)) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            PackedCells.appendDecimal(nameID, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
            if case .integer(let n) = cell.value, cell.unit == nil, !cell.inferred,
               cell.kind == (n == 0 ? .zero : .number) {
                // The value's digits, kept only when they are exactly the printed text.
                let start = bytes.count
                PackedCells.appendDecimal(n, to: &bytes)
                let printed = cell.raw.utf8.count == bytes.count - start
                    && bytes.withUnsafeBufferPointer { written in
                        cell.raw.utf8.elementsEqual(UnsafeBufferPointer(rebasing: written[start...]))
                    }
                if printed { continue }
                bytes.removeSubrange(start...)
            }
            appendArray(cell, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The object for cells sorted by name id, as text.
    static func encode(_ cells: [(nameID: Int64, cell: Cell)]) -> String {
        var bytes: [UInt8] = []
        encode(cells, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `[raw, kind, value, unit, inferred]` without its trailing defaults.
    private static func appendArray(_ cell: Cell, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        appendString(cell.raw, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: cell.kind.rawValue.utf8)
        bytes.append(UInt8(ascii: "\""))
        if cell.value != nil || cell.unit != nil || cell.inferred {
            bytes.append(UInt8(ascii: ","))
            switch cell.value {
            case .integer(let n): PackedCells.appendDecimal(n, to: &bytes)
            case .decimal(let d) where d.isFinite: bytes.append(contentsOf: d.description.utf8)
            case .decimal, nil: bytes.append(contentsOf: "null".utf8)
            }
        }
        if cell.unit != nil || cell.inferred {
            bytes.append(UInt8(ascii: ","))
            if let unit = cell.unit { appendString(unit, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        }
        if cell.inferred { bytes.append(contentsOf: ",1".utf8) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if JSONEscape.needsEscape(byte) {
                JSONEscape.appendEscape(of: byte, to: &bytes)
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
