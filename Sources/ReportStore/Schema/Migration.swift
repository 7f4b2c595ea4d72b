/// One step of the schema: the SQL that takes a file from `version - 1` to `version`.
///
/// - Important: A migration is never edited once released; change the schema by adding the next one.
package struct Migration: Sendable {
    package let version: Int
    package let name: String
    package let sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
