import Foundation
import Testing
@testable import ReportStore

@Suite struct ConnectionTests {
    @Test func typedValuesRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        try c.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, a ANY) STRICT")
        let blob: [UInt8] = [0, 1, 0xff, 0]
        try c.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", .integer(Int64.max), .real(0.1), .text("昆吾办，\"引号\""),
                  .blob(blob), .null)
        try c.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", .integer(-1), .real(-2.5), .text(""), .blob([]), .integer(3))
        var rows: [[SQLValue]] = []
        try c.query("SELECT i, r, s, b, a FROM t ORDER BY rowid") { row in rows.append((0..<5).map { row.value($0) }) }
        #expect(rows[0] == [.integer(Int64.max), .real(0.1), .text("昆吾办，\"引号\""), .blob(blob), .null])
        #expect(rows[1] == [.integer(-1), .real(-2.5), .text(""), .blob([]), .integer(3)])
    }

    @Test func strictTablesRefuseTheWrongType() throws {
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        try c.execute("CREATE TABLE t (n INTEGER) STRICT")
        let error = #expect(throws: SQLiteError.self) { try c.run("INSERT INTO t VALUES (?)", .text("abc")) }
        #expect(error?.message.contains("cannot store TEXT value in INTEGER column") == true)
    }

    @Test func opensInWALWithForeignKeys() throws {
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        #expect(try c.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try c.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(try c.scalarInt("PRAGMA synchronous") == 2)
        try c.execute("CREATE TABLE p (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE ch (p INTEGER REFERENCES p(id)) STRICT")
        let error = #expect(throws: SQLiteError.self) { try c.run("INSERT INTO ch VALUES (7)") }
        #expect(error?.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
    }

    @Test func aThrowingTransactionRollsBack() throws {
        struct Boom: Error {}
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        try c.execute("CREATE TABLE t (n INTEGER) STRICT")
        #expect(throws: Boom.self) {
            try c.transaction {
                try c.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        try c.transaction { try c.run("INSERT INTO t VALUES (2)") }
        #expect(try c.scalarInt("SELECT group_concat(n) FROM t") == 2)
    }

    @Test func preparedStatementsAreCachedAndReset() throws {
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        let first = try c.prepare("SELECT ?")
        #expect(try c.prepare("SELECT ?") === first)
        #expect(try c.scalarInt("SELECT ?", .integer(5)) == 5)
        #expect(try c.scalarInt("SELECT ?", .integer(6)) == 6)
    }

    @Test func errorsCarrySQLitesMessage() throws {
        let dir = try TemporaryDirectory()
        let c = try Connection(path: dir.path("c.sqlite"))
        let error = #expect(throws: SQLiteError.self) { try c.execute("SELEKT 1") }
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEKT 1")
    }
}
