import ReportModel

/// The `reports.cells_packed` column: all of a report's cells in one blob, written with its `cells` rows in the
/// same transaction, so that reading a report back (for the cross-year rules, `show`, the wide export) reads
/// one row instead of ~200.
///
/// Each cell, in name id order: varint name id; a flags byte (bits 0–2 kind, 3–4 value type 0 none / 1
/// integer / 2 real, 5 inferred, 6 has unit, 7 raw is the value as `CellValue.description` writes it);
/// the value (zigzag varint, or 8 bytes little-endian IEEE); unless bit 7, varint length + raw UTF-8; if
/// bit 6, varint length + unit UTF-8.
enum PackedCells {
    /// One decoded cell; the byte buffers point into the blob.
    struct Entry {
        var nameID: Int
        var kind: CellKind
        var value: CellValue?
        var inferred: Bool
        /// Nil when the raw text is the value's own text.
        var raw: UnsafeRawBufferPointer?
        var unit: UnsafeRawBufferPointer?

        /// The cell this entry describes.
        var cell: Cell {
            let rawText = raw.map { String(decoding: $0, as: UTF8.self) } ?? value?.description ?? ""
            return Cell(raw: rawText, kind: kind, value: value, unit: unit.map { String(decoding: $0, as: UTF8.self) },
                        inferred: inferred)
        }
    }

    static let kinds: [CellKind] = [.number, .zero, .empty, .na, .text, .missing]

    /// The blob for cells sorted by name id.
    static func encode(_ cells: [(nameID: Int64, cell: Cell)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count * 4)
        var digits: [UInt8] = []
        for (nameID, cell) in cells {
            appendVarint(UInt64(nameID), to: &bytes)
            var flags = code(cell.kind)
            digits.removeAll(keepingCapacity: true)
            switch cell.value {
            case .integer(let n):
                flags |= 1 << 3
                appendDecimal(n, to: &digits)
            case .decimal(let d):
                flags |= 2 << 3
                digits.append(contentsOf: CellValue.decimal(d).description.utf8)
            case nil:
                break
            }
            if cell.inferred { flags |= 1 << 5 }
            if cell.unit != nil { flags |= 1 << 6 }
            let rawIsValue = cell.value != nil && cell.raw.utf8.count == digits.count
                && (cell.raw.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(digits) } ?? false)
            if rawIsValue { flags |= 1 << 7 }
            bytes.append(flags)
            switch cell.value {
            case .integer(let n): appendVarint(UInt64(bitPattern: (n << 1) ^ (n >> 63)), to: &bytes)
            case .decimal(let d): withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case nil: break
            }
            if !rawIsValue { appendText(cell.raw, to: &bytes) }
            if let unit = cell.unit { appendText(unit, to: &bytes) }
        }
        return bytes
    }

    /// The kind's index in ``kinds``.
    private static func code(_ kind: CellKind) -> UInt8 {
        switch kind {
        case .number: 0
        case .zero: 1
        case .empty: 2
        case .na: 3
        case .text: 4
        case .missing: 5
        }
    }

    /// Calls `body` for each cell; false when the blob is damaged (decoding stops there).
    @discardableResult
    static func forEach(_ bytes: UnsafeRawBufferPointer, _ body: (Entry) throws -> Void) rethrows -> Bool {
        var reader = Reader(bytes: bytes)
        while reader.index < bytes.count {
            guard let nameID = reader.varint(), let flags = reader.byte() else { return false }
            let kindIndex = Int(flags & 0x07)
            guard kindIndex < kinds.count else { return false }
            var value: CellValue?
            switch (flags >> 3) & 0x03 {
            case 1:
                guard let zigzag = reader.varint() else { return false }
                value = .integer(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
            case 2:
                guard let bits = reader.fixed64() else { return false }
                value = .decimal(Double(bitPattern: bits))
            default:
                break
            }
            var raw: UnsafeRawBufferPointer?
            if flags & (1 << 7) == 0 {
                guard let text = reader.text() else { return false }
                raw = text
            }
            var unit: UnsafeRawBufferPointer?
            if flags & (1 << 6) != 0 {
                guard let text = reader.text() else { return false }
                unit = text
            }
            try body(Entry(nameID: Int(nameID), kind: kinds[kindIndex], value: value, inferred: flags & (1 << 5) != 0,
                           raw: raw, unit: unit))
        }
        return true
    }

    /// Appends the decimal digits of `n`, as `String(n)` writes them.
    static func appendDecimal(_ n: Int64, to bytes: inout [UInt8]) {
        if n >= 0 && n < 10 {
            bytes.append(0x30 + UInt8(n))
            return
        }
        if n < 0 { bytes.append(0x2D) }
        // Digits from the last, into a buffer wide enough for any Int64 (dividing by the constant 10 is cheap).
        var magnitude = n.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        appendVarint(UInt64(text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    /// Bounds-checked reading from the blob.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        mutating func byte() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = byte() {
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func fixed64() -> UInt64? {
            guard index + 8 <= bytes.count else { return nil }
            defer { index += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        }

        mutating func text() -> UnsafeRawBufferPointer? {
            guard let count = varint().map(Int.init), count <= bytes.count - index else { return nil }
            defer { index += count }
            return UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)])
        }
    }
}
