/// Brings a file's schema up to date, one migration per transaction, recording progress in `PRAGMA user_version`.
package struct Migrator: Sendable {
    package let migrations: [Migration]

    package init(migrations: [Migration] = Schema.migrations) {
        precondition(migrations.map(\.version) == Array(1...migrations.count), "migrations must be numbered 1, 2, …")
        self.migrations = migrations
    }

    /// The version a file has after every migration.
    package var latestVersion: Int { migrations.count }

    /// Applies the migrations the file lacks, up to `target` (default: all); returns the versions applied.
    /// `willApply` hears each version just before its transaction starts when the file already had a schema
    /// (converting a big file can take minutes; creating a new one takes none).
    @discardableResult
    package func migrate(_ connection: Connection, upTo target: Int? = nil,
                         willApply: (_ version: Int) -> Void = { _ in }) throws -> [Int] {
        let target = target ?? latestVersion
        var applied: [Int] = []
        let existing = try connection.userVersion > 0
        while true {
            // Read outside the transaction only to announce the step; the transaction checks again.
            let before = try connection.userVersion
            if existing && before < min(target, latestVersion) { willApply(before + 1) }
            let done = try connection.transaction(.immediate) { () throws -> Int? in
                let current = try connection.userVersion
                if current > latestVersion {
                    throw StoreError.schemaTooNew(found: current, supported: latestVersion)
                }
                guard current < target else { return nil }
                let migration = migrations[current]
                try connection.execute(migration.sql)
                try connection.execute("PRAGMA user_version = \(migration.version)")
                return migration.version
            }
            guard let done else { return applied }
            applied.append(done)
        }
    }
}
