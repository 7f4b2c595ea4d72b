import ReportModel

/// A template table's keys and value types as plain arrays, computed once per template.
final class TableLayout: Sendable {
    let definition: TableDefinition
    let rowKeys: [String]
    let columnKeys: [[String]]
    let valueTypes: [[ValueType]]
    /// Cheap signatures of the keys (length, first and last byte), compared before the keys themselves.
    let rowSignatures: [UInt32]
    let columnSignatures: [[UInt32]]
    /// Where each row starts in a grid's cells.
    let rowOffsets: [Int]
    let cellCount: Int

    init(_ definition: TableDefinition) {
        self.definition = definition
        rowKeys = definition.rows.map(\.key)
        columnKeys = definition.rows.map { $0.columns.map(\.key) }
        valueTypes = definition.rows.map { $0.columns.map(\.valueType) }
        rowSignatures = rowKeys.map(Self.signature)
        columnSignatures = columnKeys.map { $0.map(Self.signature) }
        var offsets: [Int] = []
        var count = 0
        for row in definition.rows {
            offsets.append(count)
            count += row.columns.count
        }
        rowOffsets = offsets
        cellCount = count
    }

    /// Length, first and last UTF-8 byte of a key.
    static func signature(_ key: String) -> UInt32 {
        key.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return UInt32(truncatingIfNeeded: bytes.count) << 16 | UInt32(first) << 8 | UInt32(last)
        } ?? UInt32(truncatingIfNeeded: key.utf8.count) << 16 | UInt32(key.utf8.first ?? 0) << 8 | UInt32(key.utf8.last ?? 0)
    }

    /// The index of `key` in `keys`, comparing signatures first.
    static func index(of key: String, in keys: [String], _ signatures: [UInt32]) -> Int? {
        let signature = signature(key)
        for i in signatures.indices where signatures[i] == signature && keys[i] == key { return i }
        return nil
    }

    /// The layouts of a template's three tables.
    struct Template: Sendable {
        let t2: TableLayout
        let t3: TableLayout
        let t4: TableLayout

        init(_ template: ReportTemplate) {
            t2 = TableLayout(template.t2)
            t3 = TableLayout(template.t3)
            t4 = TableLayout(template.t4)
        }

        func table(_ id: TableID) -> TableLayout {
            switch id {
            case .t2: t2
            case .t3: t3
            case .t4: t4
            }
        }

        static let gov2019 = Template(.gov2019)
        static let gov2021 = Template(.gov2021)

        /// The layouts for a template id; nil for legacy.
        static func of(_ id: TemplateID) -> Template? {
            switch id {
            case .gov2019: gov2019
            case .gov2021: gov2021
            case .legacy: nil
            }
        }
    }
}
