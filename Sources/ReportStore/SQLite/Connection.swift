import CSQLite

/// One SQLite connection: opened with WAL, foreign keys and a busy timeout, with a per-connection cache of
/// prepared statements. Not thread-safe: use it from one thread at a time (``StoreDatabase`` sees to that).
package final class Connection {
    /// How to open the file.
    package enum Mode: Sendable {
        case readWriteCreate
        /// Reads only; the connection refuses writes (`PRAGMA query_only`).
        case readOnly
    }

    /// `PRAGMA synchronous`: FULL syncs the WAL on every commit, NORMAL only at checkpoints.
    package enum Synchronous: String, Sendable {
        case off = "OFF"
        case normal = "NORMAL"
        case full = "FULL"
    }

    /// Kinds of transaction; writers always use `immediate` so that they queue on the lock up front.
    package enum TransactionKind: String, Sendable {
        case deferred = "DEFERRED"
        case immediate = "IMMEDIATE"
    }

    let handle: OpaquePointer
    package let path: String
    private var cache: [String: Statement] = [:]
    private var inTransaction = false

    package init(path: String, mode: Mode = .readWriteCreate, synchronous: Synchronous = .full,
                 busyTimeoutMilliseconds: Int32 = 10_000) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READWRITE
        }
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = SQLiteError.last(handle, code: rc)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        let journal = try scalarText("PRAGMA journal_mode = WAL")
        guard journal?.lowercased() == "wal" || path == ":memory:" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not switch to WAL (journal_mode = \(journal ?? "nil"))")
        }
        try execute("PRAGMA synchronous = \(synchronous.rawValue)")
        if mode == .readOnly { try execute("PRAGMA query_only = ON") }
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without parameters (schema, pragmas).
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// The cached prepared statement for this SQL, reset and without bindings.
    package func prepare(_ sql: String) throws -> Statement {
        if let statement = cache[sql] { return statement }
        let statement = try Statement(connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs one statement to completion with the values bound in order; returns the number of rows changed.
    @discardableResult
    package func run(_ sql: String, _ values: SQLValue...) throws -> Int {
        try prepare(sql).run(values)
    }

    /// Calls `row` for each result row of one statement.
    package func query(_ sql: String, _ values: SQLValue..., row: (Statement) throws -> Void) throws {
        try prepare(sql).query(values, row)
    }

    /// The first column of the first row as an integer, or nil when there is no row or it is null.
    package func scalarInt(_ sql: String, _ values: SQLValue...) throws -> Int64? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    /// The first column of the first row as text, or nil when there is no row or it is null.
    package func scalarText(_ sql: String, _ values: SQLValue...) throws -> String? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.string(0)
    }

    /// The rowid of the last row inserted on this connection.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Transactions do not nest; calling this inside another transaction is a programming error.
    @discardableResult
    package func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "transactions do not nest")
        try execute("BEGIN \(kind.rawValue)")
        inTransaction = true
        defer { inTransaction = false }
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }

    /// `PRAGMA user_version`: the schema version this file is at.
    package var userVersion: Int {
        get throws { Int(try scalarInt("PRAGMA user_version") ?? 0) }
    }

    /// `PRAGMA integrity_check`: "ok", or the problems found, one per line.
    package func integrityCheck() throws -> String {
        var lines: [String] = []
        try query("PRAGMA integrity_check") { lines.append($0.string(0)) }
        return lines.joined(separator: "\n")
    }
}
