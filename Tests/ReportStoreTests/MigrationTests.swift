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
        do {
            let old = try Connection(path: path)
            try Migrator().migrate(old, upTo: version)
            #expect(try old.userVersion == version)
            if version >= 1 { try Self.insertVersion1Data(old) }
        }

        // When the current build opens it
        let database = try StoreDatabase(path: path)

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
            #expect(rows == 1)
            #expect(try store.report(ReportID(1))?.value(.t3, "new", "natural") == .integer(5))
        }
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

    /// A stored job with its document, report and one cell, written with version 1's tables only.
    static func insertVersion1Data(_ c: Connection) throws {
        let sha = fakeSHA256("old")
        try c.execute("""
            INSERT INTO documents VALUES ('\(sha)', x'6f6c64', 3, 'old.txt', 1000);
            INSERT INTO cell_names (id, tbl, row_key, col_key) VALUES (1, 't3', 'new', 'natural');
            INSERT INTO cells VALUES (1, 1, '5', 'number', 5, NULL, 0);
            """)
        try c.run("""
            INSERT INTO reports (id, document_sha256, file, format, template, year, body, parsed_status, status, version,
                                 is_current, stored_at, cells_packed)
            VALUES (1, ?, 'old.txt', 'txt', 'gov2019', 2020, '昆吾办', 'valid', 'valid', 1, 1, 1000, ?)
            """, .text(sha), .blob(PackedCells.encode([(1, Cell(raw: "5", kind: .number, value: .integer(5)))])))
        try c.execute("""
            INSERT INTO jobs (id, document_sha256, entry, file_name, state, attempts, created_at, updated_at, report_id)
            VALUES (1, '\(sha)', 'old.txt', 'old.txt', 'stored', 1, 1000, 1000, 1);
            """)
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
