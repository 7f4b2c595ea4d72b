import ReportModel
@testable import ReportParsing
import Testing

@Suite("table skeleton")
struct TableSkeletonTests {
    @Test("an empty skeleton is the all-missing table and numbers slots row by row")
    func empty() {
        let definition = ReportTemplate.gov2021.t3
        let skeleton = TableSkeleton(definition)
        #expect(skeleton.empty == Table(allMissing: definition))
        #expect(skeleton.slotCount == definition.cellCount)
        #expect(skeleton.rowStart.count == definition.rows.count + 1)
        #expect(skeleton.rowStart[1] == definition.rows[0].columns.count)
    }

    @Test("cells land on their row and column, nil stays missing, and the skeleton is left unchanged")
    func fills() {
        let definition = ReviewLitigationTable.definition
        let skeleton = TableSkeleton(definition)
        var cells = [Cell?](repeating: nil, count: skeleton.slotCount)
        // Row 2 (suit_after_review), column 4 (total); row 0, column 0 (upheld).
        cells[2 * 5 + 4] = Cell(raw: "7", kind: .number, value: .integer(7))
        cells[0] = Cell(raw: "0", kind: .zero, value: .integer(0))
        let table = skeleton.table(cells)
        #expect(table["suit_after_review", "total"]?.value == .integer(7))
        #expect(table["review", "upheld"]?.kind == .zero)
        #expect(table["review", "total"]?.kind == .missing)
        #expect(table.rows.count == 3)
        #expect(skeleton.empty["suit_after_review", "total"]?.kind == .missing)
        var expected = Table(allMissing: definition)
        expected["suit_after_review", "total"] = cells[14]
        expected["review", "upheld"] = cells[0]
        #expect(table == expected)
    }
}
