import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct CellsJSONTests {
    /// Cells that each take a different path through the encoder.
    static let awkwardCells: [(row: String, column: String, cell: Cell)] = [
        ("new", "natural", Cell(raw: "5", kind: .number, value: .integer(5))),
        ("new", "commercial", Cell(raw: "0", kind: .zero, value: .integer(0))),
        ("new", "research", Cell(raw: "00", kind: .zero, value: .integer(0))),
        ("new", "nonprofit", Cell(raw: "0", kind: .number, value: .integer(0))),
        ("new", "legal", Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件")),
        ("new", "other", Cell(raw: "-12", kind: .number, value: .integer(-12))),
        ("new", "total", Cell(raw: String(Int64.min), kind: .number, value: .integer(Int64.min))),
        ("carried_over", "natural", Cell(raw: "12.50", kind: .number, value: .decimal(12.5))),
        ("carried_over", "commercial", Cell(raw: "3", kind: .number, value: .decimal(3))),
        ("carried_over", "research", Cell(raw: "0.1", kind: .number, value: .decimal(0.1))),
        ("carried_over", "nonprofit", Cell(raw: "1e20", kind: .number, value: .decimal(1e20))),
        ("carried_over", "legal", Cell(raw: "", kind: .empty)),
        ("carried_over", "other", Cell(raw: "—", kind: .na)),
        ("carried_over", "total", .missing),
        ("extra.1", "natural", Cell(raw: "见\"附件\"\\二\n\t\u{01}", kind: .text)),
        ("extra.1", "total", .inferred(.integer(Int64.max))),
        ("extra.1", "legal", Cell(raw: "", kind: .zero, value: .integer(0), inferred: true)),
        ("extra.1", "other", Cell(raw: "7万元", kind: .number, value: .decimal(7), unit: "万元", inferred: true)),
    ]

    @Test func aCellPrintedAsItsIntegerIsTheBareInteger() {
        #expect(CellsJSON.encode([(1, Cell(raw: "5", kind: .number, value: .integer(5))),
                                  (2, Cell(raw: "0", kind: .zero, value: .integer(0)))]) == #"{"1":5,"2":0}"#)
    }

    @Test func otherCellsAreArraysWithoutTrailingDefaults() {
        #expect(CellsJSON.encode([(3, Cell(raw: "—", kind: .na))]) == #"{"3":["—","na"]}"#)
        #expect(CellsJSON.encode([(4, Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件"))])
            == #"{"4":["1,234件","number",1234,"件"]}"#)
        #expect(CellsJSON.encode([(5, Cell(raw: "3", kind: .number, value: .decimal(3)))]) == #"{"5":["3","number",3.0]}"#)
        #expect(CellsJSON.encode([(6, .inferred(.integer(9)))]) == #"{"6":["","number",9,null,1]}"#)
        #expect(CellsJSON.encode([(7, Cell(raw: "a\"b\\c\n\u{1F}", kind: .text))]) == #"{"7":["a\"b\\c\n\u001f","text"]}"#)
        #expect(CellsJSON.encode([]) == "{}")
    }

    @Test func theCellsViewGivesBackEveryStoredCellExactly() throws {
        // Given a report with awkward cells, stored
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        var report = SyntheticReport.make(body: "昆吾办", year: 2021)
        for (row, column, cell) in Self.awkwardCells { report.tables[.t3]![row, column] = cell }
        let stored = try store.store(report)

        // When the cells are read back through SQLite's JSON functions (the `cells` view)
        var viewed: [String: Cell] = [:]
        var valueTypes: [String: String] = [:]
        try store.database.read { c in
            #expect(try c.scalarText("SELECT json_valid(cells_json) || type FROM reports, sqlite_schema WHERE name = 'cells'")
                == "1view")
            try c.query("""
                SELECT n.tbl || '.' || n.row_key || '.' || n.col_key, c.raw, c.kind, c.value, typeof(c.value), c.unit,
                       c.inferred, typeof(c.name_id), typeof(c.inferred)
                FROM cells c JOIN cell_names n ON n.id = c.name_id WHERE c.report_id = ?
                """, .integer(stored.id.rawValue)) { row in
                let kind = CellKind(rawValue: row.string(2))
                #expect(kind != nil, "kind \(row.string(2))")
                viewed[row.string(0)] = Cell(raw: row.string(1), kind: kind ?? .text, value: row.value(3).cellValue,
                                             unit: row.optionalString(5), inferred: row.int(6) == 1)
                valueTypes[row.string(0)] = row.string(4)
                #expect(row.string(7) == "integer" && row.string(8) == "integer")
            }
        }

        // Then every cell of the report is there, the same, with INTEGER counts and REAL amounts
        var expected: [String: Cell] = [:]
        for (table, contents) in report.tables {
            for (row, cells) in contents.rows {
                for (column, cell) in cells { expected["\(table.rawValue).\(row).\(column)"] = cell }
            }
        }
        #expect(viewed.count == expected.count)
        for (name, cell) in expected { #expect(viewed[name] == cell, "\(name)") }
        #expect(valueTypes["t3.new.total"] == "integer")
        #expect(valueTypes["t3.carried_over.commercial"] == "real")
        #expect(valueTypes["t3.carried_over.legal"] == "null")
        #expect(try store.report(stored.id)?.tables == report.tables)
    }
}
