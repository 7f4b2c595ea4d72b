import ReportModel

/// Exports as streaming queries: rows go to the callback one at a time, from a reader connection, so memory
/// stays flat however many reports there are, and writers are not held up.
extension ReportStore {
    /// The metadata columns that start every wide row, before the canonical cells.
    public static let wideMetadataColumns = [
        "report_id", "body", "year", "template", "status", "version", "file", "sha256", "stored_at",
    ]

    /// One row per current report matching the filter, ordered by body and year, with every canonical cell.
    public func forEachWideRow(matching filter: ReportFilter = .all, _ body: (WideRow) throws -> Void) throws {
        let columns = CanonicalColumn.all
        try database.read { c in
            let slots = try columnSlots(columns, c)
            let (condition, values) = filter.whereClause
            try c.prepare("""
                SELECT \(ReportReader.storedColumns), r.cells_packed
                FROM reports r WHERE \(condition) ORDER BY r.body, r.year, r.id
                """).query(values) { row in
                var cells = [CellValue?](repeating: nil, count: columns.count)
                let report = ReportReader.stored(row)
                let intact = row.withUnsafeBytes(11) { packed in
                    PackedCells.forEach(packed) { entry in
                        if entry.nameID < slots.count, slots[entry.nameID] >= 0 { cells[slots[entry.nameID]] = entry.value }
                    }
                }
                guard intact else { throw StoreError.damagedReport(report.id) }
                try body(WideRow(report: report, values: cells))
            }
        }
    }

    /// Writes the wide export as CSV: ``wideMetadataColumns``, then one column per ``CanonicalColumn/all``
    /// named by its flat name; an empty field where a report has no value.
    public func writeWideCSV(matching filter: ReportFilter = .all, byteOrderMark: Bool = false,
                             to sink: @escaping ([UInt8]) throws -> Void) throws {
        let columns = CanonicalColumn.all
        let csv = CSVWriter(byteOrderMark: byteOrderMark, sink: sink)
        try csv.writeRow(Self.wideMetadataColumns + columns.map(\.flatName))
        try database.read { c in
            let slots = try columnSlots(columns, c)
            var cells = [CellValue?](repeating: nil, count: columns.count)
            let (condition, values) = filter.whereClause
            let statement = try c.prepare("""
                SELECT r.id, r.body, r.year, r.template, r.status, r.version, r.file, r.document_sha256,
                       strftime('%Y-%m-%dT%H:%M:%SZ', r.stored_at / 1000, 'unixepoch'), r.cells_packed
                FROM reports r WHERE \(condition) ORDER BY r.body, r.year, r.id
                """)
            defer { statement.reset() }
            try statement.bind(values)
            while try statement.step() {
                for column in Int32(0)..<9 {
                    if statement.isNull(column) {
                        csv.writeEmptyField()
                    } else {
                        statement.withUnsafeBytes(column) { csv.writeField(bytes: $0) }
                    }
                }
                let intact = statement.withUnsafeBytes(9) { packed in
                    cells.withUnsafeMutableBufferPointer { cells in
                        for index in cells.indices { cells[index] = nil }
                        return PackedCells.forEach(packed) { entry in
                            if entry.nameID < slots.count, slots[entry.nameID] >= 0 { cells[slots[entry.nameID]] = entry.value }
                        }
                    }
                }
                guard intact else { throw StoreError.damagedReport(ReportID(statement.int64(0))) }
                for value in cells {
                    switch value {
                    case .integer(let n): csv.writeIntegerField(n)
                    case .decimal: csv.writeField(value!.description)
                    case nil: csv.writeEmptyField()
                    }
                }
                try csv.endRow()
            }
        }
        try csv.flush()
    }

    /// Every cell of the current reports matching the filter, by report, in name id order (canonical order for
    /// the templates' own cells), read from each report's packed cells.
    public func forEachCell(matching filter: ReportFilter = .all, _ body: (CellRow) throws -> Void) throws {
        try database.read { c in
            var names = database.cellNames.knownNamesByID()
            let (condition, values) = filter.whereClause
            try c.prepare("""
                SELECT r.id, r.body, r.year, r.cells_packed
                FROM reports r WHERE \(condition) ORDER BY r.body, r.year, r.id
                """).query(values) { row in
                let id = ReportID(row.int64(0))
                let issuer = row.optionalString(1)
                let year = row.optionalInt64(2).map(Int.init)
                let intact = try row.withUnsafeBytes(3) { packed in
                    try PackedCells.forEach(packed) { entry in
                        if entry.nameID >= names.count || names[entry.nameID] == nil {
                            try database.cellNames.reload(c)
                            names = database.cellNames.knownNamesByID()
                        }
                        guard entry.nameID < names.count, let name = names[entry.nameID] else { return }
                        try body(CellRow(reportID: id, body: issuer, year: year,
                                         column: CanonicalColumn(table: name.table, row: name.row, column: name.column),
                                         cell: entry.cell))
                    }
                }
                guard intact else { throw StoreError.damagedReport(id) }
            }
        }
    }

    /// Every finding of the current reports matching the filter, with its decision.
    public func forEachFinding(matching filter: ReportFilter = .all, _ body: (FindingRow) throws -> Void) throws {
        try database.read { c in
            let (condition, values) = filter.whereClause
            try c.prepare("""
                SELECT f.rule, f.severity, f.section, f.tbl, f.row_key, f.col_key, f.source, f.message, f.expected,
                       f.actual, f.fingerprint, f.cross_year,
                       d.body, d.year, d.decision, d.decided_by, d.decided_at, d.note,
                       r.id, r.body, r.year
                FROM reports r
                JOIN findings f ON f.report_id = r.id
                LEFT JOIN decisions d ON d.fingerprint = f.fingerprint AND d.body = r.body AND d.year = r.year
                WHERE \(condition) ORDER BY r.body, r.year, r.id, f.id
                """).query(values) { row in
                let stored = StoredFinding(reportID: ReportID(row.int64(18)), finding: ReportReader.finding(row),
                                           crossYear: row.int(11) == 1,
                                           decision: ReportReader.decision(row, offset: 12, fingerprint: row.string(10)))
                try body(FindingRow(body: row.optionalString(19), year: row.optionalInt64(20).map(Int.init),
                                    stored: stored))
            }
        }
    }

    /// For each name id, the index of its column in `columns`, or -1.
    func columnSlots(_ columns: [CanonicalColumn], _ c: Connection) throws -> [Int] {
        let names = try database.cellNames.allNames(reader: c)
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map {
            (CellNameRegistry.Name(table: $1.table, row: $1.row, column: $1.column), $0)
        })
        var slots = [Int](repeating: -1, count: Int(names.keys.max() ?? 0) + 1)
        for (id, name) in names { slots[Int(id)] = index[name] ?? -1 }
        return slots
    }
}
