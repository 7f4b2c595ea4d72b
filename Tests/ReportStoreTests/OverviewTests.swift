import Foundation
import ReportModel
@testable import ReportStore
import Testing

/// The operator queries: job listings with their reports, latest errors, throughput, oldest queued,
/// report overviews, where a finding occurs, and current reports with their tables.
@Suite("Operator queries")
struct OverviewTests {
    /// A store with two stored reports (甲 2020, 乙 2021), a rejected, a failed and a queued job.
    private func filled() throws -> (TemporaryDirectory, SQLiteJobQueue, ReportStore, ManualClock, [String: JobID]) {
        let directory = try TemporaryDirectory()
        let database = try directory.database()
        let clock = ManualClock()
        let queue = SQLiteJobQueue(database: database, retryPolicy: .dontRetry, now: { clock.now })
        let store = ReportStore(database: database, now: { clock.now })
        var ids: [String: JobID] = [:]
        for (label, body, year) in [("a", "甲", 2020), ("b", "乙", 2021)] {
            let id = try queue.enqueue(incoming(label)).jobID
            clock.advance(by: 60)
            _ = try queue.claim(limit: 1)
            var report = SyntheticReport.make(body: body, year: year)
            report.findings.append(.warning("DOC-SHAPE-T3", "行缺数字", at: FindingLocation(table: .t3, row: "new")))
            report.status = .warnings
            try queue.complete(id, with: report)
            ids[label] = id
        }
        let rejected = try queue.enqueue(incoming("junk")).jobID
        _ = try queue.claim(limit: 1)
        _ = try queue.fail(rejected, .permanent("不是报告"))
        clock.advance(by: 60)
        let failed = try queue.enqueue(incoming("broken")).jobID
        _ = try queue.claim(limit: 1)
        _ = try queue.fail(failed, .transient("超时"))
        clock.advance(by: 60)
        ids["queued"] = try queue.enqueue(incoming("waiting")).jobID
        ids["rejected"] = rejected
        ids["failed"] = failed
        return (directory, queue, store, clock, ids)
    }

    @Test("listJobs: newest first, by state, by the report's body and year, paged with before")
    func listJobs() throws {
        let (directory, queue, _, _, ids) = try filled()
        defer { withExtendedLifetime(directory) {} }
        let all = try queue.listJobs(limit: 10)
        #expect(all.map(\.job.id) == all.map(\.job.id).sorted(by: >))
        #expect(all.count == 5)
        #expect(try queue.listJobs(JobListFilter(state: .failed), limit: 10).map(\.job.id) == [ids["failed"]!])
        let jia = try queue.listJobs(JobListFilter(body: "甲"), limit: 10)
        #expect(jia.map(\.job.id) == [ids["a"]!])
        #expect(jia.first?.year == 2020)
        #expect(jia.first?.reportStatus == .warnings)
        #expect(try queue.listJobs(JobListFilter(body: "甲", year: 2021), limit: 10).isEmpty)
        let page = try queue.listJobs(before: all[1].job.id, limit: 2)
        #expect(page.map(\.job.id) == [all[2].job.id, all[3].job.id])
        #expect(try queue.listing(ids["b"]!)?.body == "乙")
        #expect(try queue.listing(JobID(999)) == nil)
    }

    @Test("latest errors, throughput since a time, the oldest queued job and ids by state")
    func health() throws {
        let (directory, queue, _, clock, ids) = try filled()
        defer { withExtendedLifetime(directory) {} }
        #expect(try queue.latestErrors(limit: 5).map(\.job.id) == [ids["failed"]!, ids["rejected"]!])
        #expect(try queue.latestErrors(limit: 1).count == 1)
        #expect(try queue.storedCount(since: clock.now.addingTimeInterval(-3600)) == 2)
        #expect(try queue.storedCount(since: clock.now.addingTimeInterval(1)) == 0)
        #expect(try queue.oldestQueuedCreatedAt() == clock.now)
        #expect(try queue.jobIDs(in: [.failed, .rejected]) == [ids["rejected"]!, ids["failed"]!])
        #expect(try queue.jobIDs(in: []) == [])
    }

    @Test("a report's overview counts its findings by severity; fingerprints are found per (body, year)")
    func overviewAndFingerprints() throws {
        let (directory, queue, store, _, ids) = try filled()
        defer { withExtendedLifetime(directory) {} }
        let reportID = try #require(try queue.job(ids["a"]!)?.reportID)
        let overview = try #require(try store.overview(of: reportID))
        #expect(overview.stored.body == "甲")
        #expect(overview.warnings == (try store.findings(of: reportID)).filter { $0.finding.severity == .warning }.count)
        #expect(overview.warnings >= 1)
        #expect(try store.overview(of: ReportID(999)) == nil)

        let fingerprint = Fingerprint.of(rule: "DOC-SHAPE-T3", location: FindingLocation(table: .t3, row: "new"))
        let places = try store.currentReports(withFinding: fingerprint)
        #expect(places.map(\.body) == ["乙", "甲"])
        #expect(try store.hasFinding(fingerprint, body: "甲", year: 2020))
        #expect(try !store.hasFinding(fingerprint, body: "甲", year: 2021))
    }

    @Test("forEachCurrentReport streams each current report with all its tables' cells")
    func currentReportsWithTables() throws {
        let (directory, _, store, _, _) = try filled()
        defer { withExtendedLifetime(directory) {} }
        var seen: [(StoredReport, [TableID: Table])] = []
        try store.forEachCurrentReport { seen.append(($0, $1)) }
        #expect(seen.map(\.0.body) == ["乙", "甲"])
        let expected = SyntheticReport.make(body: "甲", year: 2020)
        let tables = try #require(seen.last?.1)
        #expect(tables[.t3]?.value("new", "total") == expected.value(.t3, "new", "total"))
        #expect(tables[.t3]?.rows.count == expected.tables[.t3]?.rows.count)
        var filtered = 0
        try store.forEachCurrentReport(matching: ReportFilter(year: 2021)) { _, _ in filtered += 1 }
        #expect(filtered == 1)
    }
}
