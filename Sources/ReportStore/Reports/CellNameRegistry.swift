import Foundation
import ReportModel

/// The `cell_names` dictionary in memory: (table, row, column) ↔ small integer id, shared by the connections
/// of one ``StoreDatabase``.
///
/// Ids are assigned once and never change meaning, so a committed id is safe to cache. Ids assigned inside
/// a write transaction stay staged until it commits (a rolled-back id may be reused for another name).
final class CellNameRegistry: @unchecked Sendable {
    struct Name: Hashable, Sendable {
        let table: TableID
        let row: String
        let column: String
    }

    private let lock = NSLock()
    private var ids: [Name: Int64] = [:]
    private var names: [Int64: Name] = [:]
    /// ``knownNamesByID()``, until the next name is added.
    private var namesByID: [Name?]?
    private var templateIDs: [TemplateID: [TableID: [String: [(column: String, id: Int64)]]]] = [:]
    /// Only touched by the writer, under the database's writer lock.
    private var staged: [Name: Int64] = [:]

    /// The id for a name, inserting it into `cell_names` when new (staged until ``commitStaged()``).
    func id(for name: Name, writer connection: Connection) throws -> Int64 {
        if let id = lock.withLock({ ids[name] }) ?? staged[name] { return id }
        try connection.run("INSERT OR IGNORE INTO cell_names (tbl, row_key, col_key) VALUES (?, ?, ?)",
                           .text(name.table.rawValue), .text(name.row), .text(name.column))
        guard let id = try connection.scalarInt("SELECT id FROM cell_names WHERE tbl = ? AND row_key = ? AND col_key = ?",
                                                .text(name.table.rawValue), .text(name.row), .text(name.column))
        else { throw SQLiteError(code: 1, message: "cell name \(name) vanished") }
        staged[name] = id
        return id
    }

    /// The name for an id, reloading the dictionary once when the id is new to this process.
    func name(for id: Int64, reader connection: Connection) throws -> Name? {
        if let name = lock.withLock({ names[id] }) { return name }
        try reload(connection)
        return lock.withLock { names[id] }
    }

    /// A snapshot of every committed id → name, read from the file first.
    func allNames(reader connection: Connection) throws -> [Int64: Name] {
        try reload(connection)
        return lock.withLock { names }
    }

    /// The committed names as this process knows them, indexed by id (nil where an id is unknown).
    func knownNamesByID() -> [Name?] {
        lock.withLock {
            if let cached = namesByID { return cached }
            var array = [Name?](repeating: nil, count: Int(names.keys.max() ?? 0) + 1)
            for (id, name) in names { array[Int(id)] = name }
            namesByID = array
            return array
        }
    }

    /// A template's cell ids by table and row, each row's columns in a short list (a linear search over a
    /// few small strings is cheaper than hashing them); nil until every id is committed (``StoreDatabase``
    /// registers them when it opens the file).
    func templateIDs(_ template: ReportTemplate) -> [TableID: [String: [(column: String, id: Int64)]]]? {
        lock.withLock {
            if let cached = templateIDs[template.id] { return cached }
            var result: [TableID: [String: [(column: String, id: Int64)]]] = [:]
            for column in CanonicalColumn.of(template) {
                guard let id = ids[Name(table: column.table, row: column.row, column: column.column)] else { return nil }
                result[column.table, default: [:]][column.row, default: []].append((column.column, id))
            }
            templateIDs[template.id] = result
            return result
        }
    }

    /// Publishes the ids assigned by the transaction that just committed.
    func commitStaged() {
        guard !staged.isEmpty else { return }
        lock.withLock {
            for (name, id) in staged {
                ids[name] = id
                names[id] = name
            }
            namesByID = nil
        }
        staged.removeAll()
    }

    /// Forgets the ids assigned by a transaction that rolled back.
    func discardStaged() { staged.removeAll() }

    /// Reads the whole dictionary from the file.
    func reload(_ connection: Connection) throws {
        var loaded: [(Int64, Name)] = []
        try connection.query("SELECT id, tbl, row_key, col_key FROM cell_names") { row in
            guard let table = TableID(rawValue: row.string(1)) else { return }
            loaded.append((row.int64(0), Name(table: table, row: row.string(2), column: row.string(3))))
        }
        lock.withLock {
            for (id, name) in loaded where names[id] == nil {
                ids[name] = id
                names[id] = name
                namesByID = nil
            }
        }
    }
}
