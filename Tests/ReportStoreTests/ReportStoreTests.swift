import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct ReportStoreTests {
    @Test func aReportComesBackAsItWasStored() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        var report = SyntheticReport.make(body: "昆吾办", year: 2020)
        report.published = "2021-01-20"
        report.evidence = Evidence(titleYear: 2020, periodYear: 2020, textYear: 2020)
        report.tables[.t3]!["new", "legal"] = Cell(raw: "", kind: .empty)
        report.tables[.t3]!["new", "other"] = Cell(raw: "—", kind: .na)
        report.tables[.t3]!["partial", "total"] = .missing
        report.tables[.t3]!["granted", "research"] = Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件")
        report.tables[.t2]!["procurement", "amount"] = Cell(raw: "3", kind: .number, value: .decimal(3))
        report.tables[.t2]!["fees", "delta"] = .inferred(.integer(Int64.max))
        report.tables[.t2]!["extra.1", "made"] = SyntheticReport.cell(.integer(4))
        report.tables[.t2]!.extraLabels = ["extra.1": "其他主动公开文件"]
        report.findings = [
            .error(RuleID.t3Balance, "不平衡", at: FindingLocation(table: .t3, row: "new", column: "total", source: "一、本年新收"),
                   expected: .integer(5), actual: .decimal(4.5)),
            .info(RuleID.txtSec6Fee, "未提及信息处理费", at: FindingLocation(section: .s6)),
        ]
        report.status = .invalid

        let stored = try store.store(report)
        let loaded = try #require(try store.report(stored.id))

        #expect(loaded == report)
        #expect(loaded.value(.t2, "procurement", "amount") == .decimal(3))
        #expect(loaded.value(.t2, "fees", "delta") == .integer(Int64.max))
        #expect(stored.version == 1 && stored.isCurrent && stored.supersedes == nil && stored.status == .invalid)
    }

    @Test(arguments: [0, 1, 7, 8, 9, 19])
    func everyFindingComesBackInOrder(count: Int) throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        var report = SyntheticReport.make(body: "昆吾办", year: 2020)
        report.findings = (0..<count).map { n in
            switch n % 3 {
            case 0:
                .error(RuleID.t3Balance, "第\(n)条：不平衡", at: FindingLocation(table: .t3, row: "new", column: "total",
                                                                          source: "一、本年新收 \(n)"),
                       expected: .integer(Int64(n)), actual: .decimal(Double(n) + 0.5))
            case 1:
                .warning(RuleID.t2InForce, "第\(n)条", at: FindingLocation(table: .t2, row: "rules", column: "made"))
            default:
                .info(RuleID.txtSec6Fee, "第\(n)条：未提及", at: FindingLocation(section: .s6))
            }
        }
        report.status = count == 0 ? .valid : .invalid

        let stored = try store.store(report)
        let loaded = try #require(try store.report(stored.id))

        #expect(loaded.findings.count == count)
        #expect(loaded == report)
    }

    @Test func aNewDocumentForTheSameBodyAndYearSupersedesAndHistoryStays() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let first = try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, new: 10))
        let second = try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, new: 11))
        let other = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021))

        #expect(second.version == 2 && second.supersedes == first.id && second.isCurrent)
        #expect(try store.currentReport(body: "昆吾办", year: 2020)?.id == second.id)
        #expect(try store.versions(body: "昆吾办", year: 2020).map(\.isCurrent) == [false, true])
        #expect(try store.report(first.id)?.value(.t3, "new", "total") == .integer(10))
        #expect(other.version == 1 && other.supersedes == nil)
        #expect(try store.reportCounts() == (3, 2))
    }

    @Test func reprocessingADocumentSupersedesItsEarlierReportEvenWhenTheYearChanges() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let queue = SQLiteJobQueue(database: database)
        let store = ReportStore(database: database)
        let id = try queue.enqueue(incoming("doc")).jobID
        _ = try queue.claim(limit: 1)
        // The first parser read the wrong year; the upgraded one reads it right
        let wrong = try queue.complete([JobCompletion(id: id, report: SyntheticReport.make(body: "昆吾办", year: 2019))])[0]
        #expect(try queue.retry(.jobs([id])) == [id])
        #expect(try queue.claim(limit: 1).map(\.id) == [id])
        let right = try queue.complete([JobCompletion(id: id, report: SyntheticReport.make(body: "昆吾办", year: 2020))])[0]

        #expect(try store.storedReport(wrong)?.isCurrent == false)
        #expect(try store.storedReport(right)?.supersedes == wrong)
        #expect(try store.currentReport(body: "昆吾办", year: 2019) == nil)
        #expect(try store.currentReport(body: "昆吾办", year: 2020)?.id == right)
    }

    @Test func aRejectedReportDoesNotReplaceAReadableOne() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let good = try store.store(SyntheticReport.make(body: "昆吾办", year: 2020))
        var broken = Report(file: "broken.txt", year: 2020, body: "昆吾办", status: .rejected)
        broken.findings = [.error(RuleID.docEncoding, "无法解码")]
        let rejected = try store.store(broken)

        #expect(!rejected.isCurrent && rejected.version == 2)
        #expect(try store.currentReport(body: "昆吾办", year: 2020)?.id == good.id)
    }

    @Test func reportsWithoutBodyOrYearAreStoredAndCurrent() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let stored = try store.store([
            Report(file: "a.bin", format: "unknown", status: .rejected),
            Report(file: "b.bin", format: "unknown", status: .rejected),
        ])
        #expect(stored.allSatisfy { $0.isCurrent && $0.version == 1 })
        #expect(try store.report(stored[1].id)?.file == "b.bin")
    }

    @Test func aBatchIsOneTransaction() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        var unknownDocument = SyntheticReport.make(body: "乙", year: 2020)
        unknownDocument.sha256 = fakeSHA256("never enqueued")
        let error = #expect(throws: SQLiteError.self) {
            try store.store([SyntheticReport.make(body: "甲", year: 2020), unknownDocument])
        }
        #expect(error?.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        #expect(try store.reportCounts() == (0, 0))
        // The store is still usable afterwards, cell names included
        let stored = try store.store(SyntheticReport.make(body: "甲", year: 2020))
        #expect(try store.report(stored.id)?.value(.t3, "new", "total") == .integer(12))
    }
}
