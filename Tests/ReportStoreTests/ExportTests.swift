import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct ExportTests {
    /// Two bodies, two years, both templates; the 2020 report of 甲 has an older version.
    static func filledStore(_ dir: TemporaryDirectory) throws -> ReportStore {
        let store = ReportStore(database: try dir.database())
        try store.store([
            SyntheticReport.make(body: "甲", year: 2020, new: 1, sectionText: "一"),
            SyntheticReport.make(body: "甲", year: 2020, new: 2, sectionText: "二"),
            SyntheticReport.make(body: "甲", year: 2021, carriedOver: 5, sectionText: "三"),
            SyntheticReport.make(body: "乙,\"引号\"", year: 2021, new: 40, sectionText: "四"),
        ])
        return store
    }

    @Test func wideRowsHaveEveryCanonicalCellOfCurrentReports() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.filledStore(dir)
        var rows: [WideRow] = []
        try store.forEachWideRow { rows.append($0) }

        #expect(rows.map { "\($0.report.body!) \($0.report.year!)" } == ["乙,\"引号\" 2021", "甲 2020", "甲 2021"])
        let columns = CanonicalColumn.all
        let index = { (name: String) in try #require(columns.firstIndex { $0.flatName == name }) }
        let gov2019 = rows[1]
        #expect(gov2019.values.count == columns.count)
        #expect(gov2019.values[try index("t3.new.natural")] == .integer(2))
        #expect(gov2019.values[try index("t2.procurement.amount")] == .decimal(12.5))
        #expect(gov2019.values[try index("t3.other_handling.natural")] == .integer(0))
        #expect(gov2019.values[try index("t3.other_handling.fee_unpaid.natural")] == nil)
        #expect(gov2019.values[try index("t2.regulations.issued")] == nil)
        #expect(rows[2].values[try index("t2.fees.amount")] == .decimal(12.5))
        #expect(rows[2].values[try index("t2.regulations.in_force")] == .integer(10))
        #expect(rows[2].values[try index("t3.other_handling.natural")] == nil)
        let filled = gov2019.values.compactMap { $0 }.count
        #expect(filled == CanonicalColumn.of(.gov2019).count)
    }

    @Test func filtersByYearBodyStatusAndTemplate() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.filledStore(dir)
        func count(_ filter: ReportFilter) throws -> Int {
            var n = 0
            try store.forEachWideRow(matching: filter) { _ in n += 1 }
            return n
        }
        #expect(try count(ReportFilter(year: 2021)) == 2)
        #expect(try count(ReportFilter(body: "甲")) == 2)
        #expect(try count(ReportFilter(template: .gov2019)) == 1)
        #expect(try count(ReportFilter(status: .warnings)) == 1)  // 甲 2021: X-CARRY, carried_over 5 ≠ 3
        #expect(try count(ReportFilter(year: 2021, body: "甲", status: .valid)) == 0)
    }

    @Test func wideCSVQuotesAndStreams() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.filledStore(dir)
        var chunks: [[UInt8]] = []
        try store.writeWideCSV(matching: ReportFilter(year: 2021), byteOrderMark: true) { chunks.append($0) }
        let bytes = chunks.flatMap { $0 }
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines[3].isEmpty)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header == ReportStore.wideMetadataColumns + CanonicalColumn.all.map(\.flatName))
        #expect(lines[1].hasPrefix("4,\"乙,\"\"引号\"\"\",2021,gov2021,"))
        let fields = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count == header.count)
        #expect(fields[header.firstIndex(of: "t3.carried_over.natural")!] == "5")
        #expect(fields[header.firstIndex(of: "t2.fees.amount")!] == "12.5")
        #expect(fields[header.firstIndex(of: "t2.regulations.made")!] == "")
        #expect(fields[header.firstIndex(of: "stored_at")!].hasSuffix("Z"))
    }

    @Test func cellsLongAndFindingsStream() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.filledStore(dir)
        var cells: [CellRow] = []
        try store.forEachCell(matching: ReportFilter(body: "甲")) { cells.append($0) }
        let perTemplate = CanonicalColumn.of(.gov2019).count + CanonicalColumn.of(.gov2021).count
        #expect(cells.count == perTemplate)
        #expect(cells.first?.column.flatName == "t2.regulations.made")
        #expect(cells.contains { $0.year == 2020 && $0.column.flatName == "t3.new.natural" && $0.cell.value == .integer(2) })

        var findings: [FindingRow] = []
        try store.forEachFinding { findings.append($0) }
        #expect(findings.contains { $0.body == "甲" && $0.year == 2021 && $0.stored.finding.rule == RuleID.xCarry })
    }

    @Test func viewsAnswerTheCommonQuestions() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.filledStore(dir)
        let database = store.database
        try database.read { c in
            #expect(try c.scalarInt("SELECT count(*) FROM current_reports") == 3)
            #expect(try c.scalarInt("SELECT count(*) FROM report_versions WHERE body = '甲' AND year = 2020") == 2)
            #expect(try c.scalarInt("""
                SELECT value FROM cells_long WHERE is_current = 1 AND body = '甲' AND year = 2020
                AND name = 't3.new.natural'
                """) == 2)
            var rows: [String] = []
            try c.query("SELECT row_key, natural, total FROM t3_wide WHERE body = '甲' AND year = 2021") {
                rows.append("\($0.string(0))=\($0.int(1))/\($0.int(2))")
            }
            #expect(rows.count == 25)
            #expect(rows.first == "new=12/12")
            #expect(rows.last == "carried_forward=3/3")
            #expect(try c.scalarInt("SELECT count(*) FROM open_findings WHERE rule = 'X-CARRY'") ?? 0 > 0)
            #expect(try c.scalarInt("SELECT count(*) FROM job_overview") == 0)
        }
    }
}
