import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct SchemaTests {
    /// The plan SQLite makes for a query, one step per line.
    static func plan(_ sql: String, _ database: StoreDatabase) throws -> [String] {
        try database.read { c in
            var steps: [String] = []
            try c.query("EXPLAIN QUERY PLAN " + sql) { steps.append($0.string(3)) }
            return steps
        }
    }

    @Test func cellViewsUnfoldEachReportOnceAndLookNamesUpByID() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        // A filter on the names must not put the names first: the report's cells would be unfolded once per name
        let steps = try Self.plan("SELECT count(*) FROM cells_long WHERE tbl = 't3' AND is_current = 1", database)
        let unfold = try #require(steps.firstIndex { $0.hasPrefix("SCAN e VIRTUAL TABLE") }, "\(steps)")
        let names = try #require(steps.firstIndex { $0 == "SEARCH n USING INTEGER PRIMARY KEY (rowid=?)" }, "\(steps)")
        #expect(unfold < names)
    }

    @Test func t3WideFilteredByBodyAndYearReadsOnlyThatReport() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        try store.store([SyntheticReport.make(body: "甲", year: 2020), SyntheticReport.make(body: "乙", year: 2020, new: 3)])
        let steps = try Self.plan("SELECT * FROM t3_wide WHERE body = '乙' AND year = 2020", store.database)
        #expect(steps.contains { $0.hasPrefix("SEARCH r USING INDEX reports_current (body=? AND year=?)") }, "\(steps)")
        let new = try store.database.read { c in
            try c.scalarInt("SELECT natural FROM t3_wide WHERE body = '乙' AND year = 2020 AND row_key = 'new'")
        }
        #expect(new == 3)
    }
}
