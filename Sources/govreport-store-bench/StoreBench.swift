import Foundation
import ReportModel
import ReportStore

/// The benchmark's direct SQL: the bar (plain tables, prepared statements) and bulk set-up of big files.
enum StoreBench {
    static var sqliteVersion: String {
        (try? Connection(path: ":memory:").scalarText("SELECT sqlite_version()")) ?? "?"
    }

    /// Reads the files and stores each one's bytes and 175 cell rows, all in one transaction.
    static func bar(files: [String], database path: String) throws {
        let c = try Connection(path: path, synchronous: .full)
        try c.execute("""
            CREATE TABLE documents (sha256 TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL, size INTEGER NOT NULL,
                                    file_name TEXT NOT NULL) STRICT;
            CREATE TABLE cells (document INTEGER NOT NULL, row_key TEXT NOT NULL, col_key TEXT NOT NULL,
                                value INTEGER) STRICT;
            """)
        let t3 = ReportTemplate.gov2021.t3
        let cells = t3.rows.flatMap { row in row.columns.map { (row.key, $0.key) } }
        precondition(cells.count == 175)
        try c.transaction {
            let insertDocument = try c.prepare("INSERT INTO documents VALUES (?, ?, ?, ?)")
            let insertCell = try c.prepare("INSERT INTO cells VALUES (?, ?, ?, ?)")
            for (n, file) in files.enumerated() {
                guard let data = FileManager.default.contents(atPath: file) else { throw CocoaError(.fileReadUnknown) }
                let bytes = [UInt8](data)
                try insertDocument.run([.text(String(n)), .blob(bytes), .integer(Int64(bytes.count)), .text(file)])
                let document = c.lastInsertRowID
                for (index, (row, column)) in cells.enumerated() {
                    try insertCell.bind(document, at: 1)
                    try insertCell.bind(row, at: 2)
                    try insertCell.bind(column, at: 3)
                    try insertCell.bind(Int64(index % 13), at: 4)
                    try insertCell.step()
                    insertCell.reset()
                }
            }
        }
    }

    /// The single integer a query returns.
    static func count(_ database: StoreDatabase, _ sql: String) throws -> Int {
        Int(try database.read { try $0.scalarInt(sql) } ?? 0)
    }

    /// `count` jobs of one document, in a realistic mix of states (the count triggers run for each).
    static func fillJobs(_ database: StoreDatabase, count: Int) throws {
        try database.write { c in
            try c.run("INSERT INTO documents VALUES (?, x'00', 1, 'bench.txt', 0)", .text(String(repeating: "0", count: 64)))
            try c.run("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO jobs (document_sha256, entry, file_name, state, next_attempt_at, created_at, updated_at)
                SELECT ?, 'f' || i, 'f' || i || '.txt',
                       CASE WHEN i % 100 < 70 THEN 'stored' WHEN i % 100 < 80 THEN 'queued'
                            WHEN i % 100 < 85 THEN 'running' WHEN i % 100 < 90 THEN 'retrying'
                            WHEN i % 100 < 94 THEN 'failed' WHEN i % 100 < 97 THEN 'rejected' ELSE 'duplicate' END,
                       CASE WHEN i % 100 BETWEEN 70 AND 79 OR i % 100 BETWEEN 85 AND 89 THEN i END, i, i
                FROM n
                """, .integer(Int64(count)), .text(String(repeating: "0", count: 64)))
        }
    }

    /// Copies every report (row with its cells, sections, findings) `times - 1` times under new bodies, one
    /// transaction per copy, so that there are `times` as many current reports.
    static func replicate(_ database: StoreDatabase, times: Int) throws {
        let offset: Int64 = 10_000_000
        for k in 1..<max(times, 1) {
            try database.write { c in
                let shift = SQLValue.integer(Int64(k) * offset)
                try c.run("""
                    INSERT INTO reports
                    SELECT id + ?, document_sha256, file, format, encoding, template, year, body || '#' || ?, title,
                           published, parsed_status, status, version, supersedes + ?, is_current, stored_at,
                           title_year, period_year, text_year, extra_labels, cells_packed, cells_json
                    FROM reports WHERE id < ?
                    """, shift, .integer(Int64(k)), shift, .integer(offset))
                try c.run("INSERT INTO sections SELECT report_id + ?, section, heading, text FROM sections WHERE report_id < ?",
                          shift, .integer(offset))
                try c.run("""
                    INSERT INTO findings (report_id, rule, severity, section, tbl, row_key, col_key, source, message,
                                          expected, actual, fingerprint, cross_year)
                    SELECT report_id + ?, rule, severity, section, tbl, row_key, col_key, source, message, expected,
                           actual, fingerprint, cross_year
                    FROM findings WHERE report_id < ?
                    """, shift, .integer(offset))
            }
        }
    }
}
