import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct MigrationTests {
    /// Every version a file can be at before the latest: 0 (new file), 1, …
    static let olderVersions = Array(0..<Schema.migrations.count)

    @Test(arguments: olderVersions)
    func upgradesFromEveryOlderVersion(version: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        // Given a file left at `version`, with data in it when it has tables
        var cellsBefore: [String] = []
        do {
            let old = try Connection(path: path)
            try Migrator().migrate(old, upTo: version)
            #expect(try old.userVersion == version)
            if version >= 1 {
                try Self.insertVersion1Data(old)
                cellsBefore = try Self.cellRows(old)
            }
        }

        // When the current build opens it
        var announced: [Int] = []
        let database = try StoreDatabase(path: path, willMigrate: { announced.append($0) })
        // A new file (version 0) is created without announcing anything.
        #expect(announced == (version == 0 ? [] : Array((version + 1)...StoreDatabase.schemaVersion)))

        // Then it is at the latest version, sound, with the same schema as a new file, and the data is still there
        #expect(try database.fileSchemaVersion() == StoreDatabase.schemaVersion)
        #expect(try database.integrityCheck() == "ok")
        let fresh = try dir.database("fresh.sqlite")
        #expect(try Self.schema(database) == Self.schema(fresh))
        if version >= 1 {
            let queue = SQLiteJobQueue(database: database)
            #expect(try queue.job(JobID(1))?.fileName == "old.txt")
            #expect(try queue.counts()[.stored] == 1)
            let store = ReportStore(database: database)
            #expect(try store.currentReport(body: "昆吾办", year: 2020)?.id == ReportID(1))
            let rows = try database.read { c in try c.scalarInt("SELECT count(*) FROM cells_long WHERE body = '昆吾办'") }
            #expect(rows == Int64(Self.version1Cells.count))
            #expect(try store.report(ReportID(1))?.value(.t3, "new", "natural") == .integer(5))
            // Every cell row, value types included, reads the same through the view as from the old table
            #expect(cellsBefore.count == Self.version1Cells.count)
            #expect(try database.read { try Self.cellRows($0) } == cellsBefore)
            #expect(try database.read { try $0.scalarText("SELECT type FROM sqlite_schema WHERE name = 'cells'") } == "view")

            // A report stored afterwards is served by the view next to the converted one
            let stored = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021))
            let count = try database.read { c in
                try c.scalarInt("SELECT count(*) FROM cells WHERE report_id = ?", .integer(stored.id.rawValue))
            }
            #expect(count == Int64(CanonicalColumn.of(.gov2021).count))
        }
    }

    @Test func reopeningACurrentFileAnnouncesNoMigration() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("current.sqlite")
        _ = try StoreDatabase(path: path)
        var announced: [Int] = []
        _ = try StoreDatabase(path: path, willMigrate: { announced.append($0) })
        #expect(announced.isEmpty)
    }

    @Test func refusesAFileFromANewerBuild() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("new.sqlite")
        do {
            let c = try Connection(path: path)
            try c.execute("PRAGMA user_version = \(StoreDatabase.schemaVersion + 1)")
        }
        #expect(throws: StoreError.schemaTooNew(found: StoreDatabase.schemaVersion + 1,
                                                supported: StoreDatabase.schemaVersion)) {
            _ = try StoreDatabase(path: path)
        }
    }

    @Test func migrationsAreNumberedInOrder() {
        #expect(Schema.migrations.map(\.version) == Array(1...Schema.migrations.count))
    }

    /// The cells of the version 1 report: one of each shape the conversion handles, under names 1…
    static let version1Cells: [(row: String, column: String, cell: Cell)] = [
        ("new", "natural", Cell(raw: "5", kind: .number, value: .integer(5))),
        ("new", "commercial", Cell(raw: "0", kind: .zero, value: .integer(0))),
        ("new", "research", Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件")),
        ("new", "nonprofit", Cell(raw: "12.50", kind: .number, value: .decimal(12.5))),
        ("new", "legal", Cell(raw: "3", kind: .number, value: .decimal(3))),
        ("new", "other", .missing),
        ("new", "total", Cell(raw: "—", kind: .na)),
        ("carried_over", "natural", Cell(raw: "见\"附件\"\\", kind: .text)),
        ("carried_over", "total", .inferred(.integer(7))),
        ("carried_forward", "total", Cell(raw: String(Int64.min), kind: .number, value: .integer(Int64.min))),
    ]

    /// A stored job with its document, report and cells, written with version 1's tables only.
    static func insertVersion1Data(_ c: Connection) throws {
        let sha = fakeSHA256("old")
        try c.execute("INSERT INTO documents VALUES ('\(sha)', x'6f6c64', 3, 'old.txt', 1000);")
        var packed: [(nameID: Int64, cell: Cell)] = []
        for (index, (row, column, cell)) in version1Cells.enumerated() {
            let id = Int64(index + 1)
            try c.run("INSERT INTO cell_names (id, tbl, row_key, col_key) VALUES (?, 't3', ?, ?)",
                      .integer(id), .text(row), .text(column))
            try c.run("INSERT INTO cells VALUES (1, ?, ?, ?, ?, ?, ?)", .integer(id), .text(cell.raw),
                      .text(cell.kind.rawValue), SQLValue(cell.value), .text(cell.unit), .bool(cell.inferred))
            packed.append((id, cell))
        }
        try c.run("""
            INSERT INTO reports (id, document_sha256, file, format, template, year, body, parsed_status, status, version,
                                 is_current, stored_at, cells_packed)
            VALUES (1, ?, 'old.txt', 'txt', 'gov2019', 2020, '昆吾办', 'valid', 'valid', 1, 1, 1000, ?)
            """, .text(sha), .blob(PackedCells.encode(packed)))
        try c.execute("""
            INSERT INTO jobs (id, document_sha256, entry, file_name, state, attempts, created_at, updated_at, report_id)
            VALUES (1, '\(sha)', 'old.txt', 'old.txt', 'stored', 1, 1000, 1000, 1);
            """)
    }

    /// Every row of `cells` (table or view), with the storage class of each column.
    static func cellRows(_ c: Connection) throws -> [String] {
        var rows: [String] = []
        try c.query("""
            SELECT report_id, name_id, raw, kind, value, unit, inferred,
                   typeof(report_id), typeof(name_id), typeof(raw), typeof(kind), typeof(value), typeof(unit),
                   typeof(inferred)
            FROM cells ORDER BY report_id, name_id
            """) { row in
            rows.append((Int32(0)..<14).map { "\(row.value($0))" }.joined(separator: "|"))
        }
        return rows
    }

    /// Every table, index, view and trigger with its SQL.
    static func schema(_ database: StoreDatabase) throws -> [String] {
        try database.read { c in
            var items: [String] = []
            try c.query("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name") {
                items.append("\($0.string(0)) \($0.string(1)): \($0.optionalString(2) ?? "")")
            }
            return items
        }
    }
}
