import Foundation

/// One govreport SQLite file: a writer connection (writes are serialised in this process and run in
/// `BEGIN IMMEDIATE` transactions) and a small pool of reader connections, so that exports and status
/// queries never wait for a writer, nor a writer for them (WAL).
///
/// Opening migrates the schema to the latest version. ``SQLiteJobQueue`` and ``ReportStore`` share one.
public final class StoreDatabase: @unchecked Sendable {
    public let path: String
    let cellNames = CellNameRegistry()
    private let writerLock = NSLock()
    private let writer: Connection
    private let readersLock = NSLock()
    private var idleReaders: [Connection] = []
    private let busyTimeoutMilliseconds: Int32
    private let maxIdleReaders = 4

    /// Opens (creating if needed) and migrates the file at `path`.
    /// - Parameters:
    ///   - fullSync: `PRAGMA synchronous = FULL` on the writer (every commit is on disk when it returns);
    ///     NORMAL survives a process crash but may lose the last commits on power loss.
    ///   - busyTimeout: how long a connection waits for another process's lock before failing with `SQLITE_BUSY`.
    ///   - writerCacheKiB: the writer's page cache; big group commits run faster with more, a long-running
    ///     process with a memory budget (the daemon) may want less.
    ///   - willMigrate: called with the schema version about to be applied, before each migration an existing
    ///     file needs (converting a big file can take minutes; a service tells its supervisor).
    public init(path: String, fullSync: Bool = true, busyTimeout: Duration = .seconds(10),
                writerCacheKiB: Int = 32768, willMigrate: (_ version: Int) -> Void = { _ in }) throws {
        self.path = path
        busyTimeoutMilliseconds = Int32(clamping: Milliseconds.from(busyTimeout))
        writer = try Connection(path: path, mode: .readWriteCreate, synchronous: fullSync ? .full : .normal,
                                busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        // Big group commits touch many pages of several b-trees; keep them in memory until commit.
        try writer.execute("PRAGMA cache_size = -\(max(64, writerCacheKiB))")
        try Migrator().migrate(writer, willApply: willMigrate)
        try registerCanonicalNames()
    }

    /// The schema version this build writes.
    public static var schemaVersion: Int { Schema.migrations.count }

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE … COMMIT); a throw rolls everything back.
    @discardableResult
    package func write<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        do {
            let result = try writer.transaction(.immediate) { try body(writer) }
            cellNames.commitStaged()
            return result
        } catch {
            cellNames.discardStaged()
            throw error
        }
    }

    /// Runs `body` on a reader connection inside one read transaction (a consistent snapshot).
    package func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkOutReader()
        defer { checkIn(connection) }
        return try connection.transaction(.deferred) { try body(connection) }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { try $0.integrityCheck() }
    }

    /// The schema version of the file (after opening, always ``schemaVersion``).
    public func fileSchemaVersion() throws -> Int {
        try read { try $0.userVersion }
    }

    private func checkOutReader() throws -> Connection {
        if let connection = readersLock.withLock({ idleReaders.popLast() }) { return connection }
        return try Connection(path: path, mode: .readOnly, synchronous: .normal,
                              busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private func checkIn(_ connection: Connection) {
        readersLock.withLock {
            if idleReaders.count < maxIdleReaders { idleReaders.append(connection) }
        }
    }

    /// Gives every canonical cell a `cell_names` id up front, in printed order, so that ids follow the templates.
    private func registerCanonicalNames() throws {
        let known = Set(try cellNames.allNames(reader: writer).values)
        let names = CanonicalColumn.all.map { CellNameRegistry.Name(table: $0.table, row: $0.row, column: $0.column) }
        guard names.contains(where: { !known.contains($0) }) else { return }
        try write { connection in
            for name in names { _ = try cellNames.id(for: name, writer: connection) }
        }
    }
}
