import Foundation
import ReportModel
import Testing
@testable import ReportStore

/// What only the SQLite queue can show: several connections at once, and state that outlives the process.
@Suite struct SQLiteJobQueueTests {
    @Test func concurrentClaimersNeverGetTheSameJob() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("queue.sqlite")
        let total = 600
        do {
            let queue = SQLiteJobQueue(database: try StoreDatabase(path: path))
            _ = try queue.enqueue((0..<total).map { incoming("job \($0)") })
        }

        // Given four threads, each with its own connection to the same file
        let claimers = 4
        let results = ClaimLog()
        let queues = try (0..<claimers).map { _ in SQLiteJobQueue(database: try StoreDatabase(path: path)) }
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for (claimer, queue) in queues.enumerated() {
            group.enter()
            Thread {
                defer { group.leave() }
                start.wait()
                do {
                    // When they claim until the queue is empty, working a little on each batch as workers do
                    while true {
                        let jobs = try queue.claim(limit: 3)
                        if jobs.isEmpty { break }
                        results.add(jobs.map(\.id), by: claimer)
                        usleep(500)
                    }
                } catch {
                    results.fail(error)
                }
            }.start()
        }
        for _ in queues { start.signal() }
        group.wait()

        // Then every job was claimed exactly once
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect(results.ids.count == total)
        #expect(Set(results.ids).count == total)
        #expect(results.claimersThatGotWork > 1)
        #expect(try queues[0].counts()[.running] == total)
    }

    @Test func aBatchIsAllOrNothing() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let queue = SQLiteJobQueue(database: database)
        let a = try queue.enqueue(incoming("a")).jobID
        let b = try queue.enqueue(incoming("b")).jobID
        _ = try queue.claim(limit: 1)  // only a is running

        #expect(throws: StoreError.jobNotRunning(b, .queued)) {
            try queue.complete([JobCompletion(id: a, report: SyntheticReport.make(body: "昆吾办", year: 2020)),
                                JobCompletion(id: b, report: SyntheticReport.make(body: "昆吾办", year: 2021))])
        }
        #expect(try queue.job(a)?.state == .running)
        #expect(try ReportStore(database: database).reportCounts().all == 0)
    }

    @Test func stateSurvivesReopening() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("queue.sqlite")
        let id: JobID
        do {
            let queue = SQLiteJobQueue(database: try StoreDatabase(path: path))
            id = try queue.enqueue(incoming("a")).jobID
            _ = try queue.claim(limit: 1)
            try queue.setIntakePaused(true)
        }
        let queue = SQLiteJobQueue(database: try StoreDatabase(path: path))
        #expect(try queue.isIntakePaused())
        #expect(try queue.job(id)?.state == .running)
        #expect(try queue.rescueOrphans().requeued == [id])
        // The inbox entry re-offered after the crash is recognised, not doubled
        #expect(try queue.enqueue(incoming("a")) == .alreadyAccepted(id))
        #expect(try queue.counts()[.queued] == 1)
    }

    @Test func completeStoresTheReportAgainstTheJobsDocument() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let queue = SQLiteJobQueue(database: database)
        let id = try queue.enqueue(incoming("a")).jobID
        _ = try queue.claim(limit: 1)
        let reportID = try queue.complete([JobCompletion(id: id, report: SyntheticReport.make(body: "昆吾办", year: 2020))])[0]
        let stored = try #require(try ReportStore(database: database).storedReport(reportID))
        #expect(stored.documentSHA256 == fakeSHA256("a"))
        #expect(stored.isCurrent)
    }

    @Test func cellsEncodedByAWorkerAreStoredAsTheWriterWouldStoreThem() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let queue = SQLiteJobQueue(database: database)
        var report = SyntheticReport.make(body: "昆吾办", year: 2020)
        report.tables[.t3]!["new", "legal"] = Cell(raw: "", kind: .empty)
        report.tables[.t3]!["granted", "research"] = Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件")
        report.tables[.t2]!["fees", "delta"] = .inferred(.integer(Int64.max))
        var laterYear = report
        laterYear.year = 2021
        let encoded = try #require(queue.encodeCells(of: report))
        #expect(queue.encodeCells(of: laterYear) == encoded)

        let first = try queue.enqueue(incoming("a")).jobID, second = try queue.enqueue(incoming("b")).jobID
        _ = try queue.claim(limit: 2)
        let ids = try queue.complete([JobCompletion(id: first, report: report, cells: encoded),
                                      JobCompletion(id: second, report: laterYear)])
        let store = ReportStore(database: database)
        let withEncoded = try #require(try store.report(ids[0])), withoutEncoded = try #require(try store.report(ids[1]))
        #expect(withEncoded.tables == withoutEncoded.tables)
        #expect(withEncoded.tables == report.tables)
    }

    @Test func aReportWithAnExtraRowIsLeftForTheWriterToEncode() throws {
        let dir = try TemporaryDirectory()
        let queue = SQLiteJobQueue(database: try dir.database())
        var report = SyntheticReport.make(body: "昆吾办", year: 2020)
        report.tables[.t2]!["extra.1", "made"] = SyntheticReport.cell(.integer(4))
        report.tables[.t2]!.extraLabels = ["extra.1": "其他主动公开文件"]
        #expect(queue.encodeCells(of: report) == nil)
    }

    @Test func historyIsAppendOnly() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        _ = try SQLiteJobQueue(database: database).enqueue(incoming("a"))
        let error = #expect(throws: SQLiteError.self) {
            try database.write { try $0.run("UPDATE job_events SET note = 'changed'") }
        }
        #expect(error?.message.contains("append-only") == true)
    }

    @Test func countsStayInStepWithTheJobs() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let queue = SQLiteJobQueue(database: database, retryPolicy: .dontRetry)
        _ = try queue.enqueue((0..<20).map { incoming("\($0)") } + [incoming("0", name: "dup.txt")])
        let claimed = try queue.claim(limit: 8)
        for job in claimed.prefix(3) { _ = try queue.fail(job.id, .transient("x")) }
        for job in claimed.dropFirst(3).prefix(2) { _ = try queue.fail(job.id, .permanent("x")) }
        _ = try queue.prune(finishedBefore: Date().addingTimeInterval(3600))
        let actual = try database.read { c in
            var counts: [String: Int] = [:]
            try c.query("SELECT state, count(*) FROM jobs GROUP BY state") { counts[$0.string(0)] = $0.int(1) }
            return counts
        }
        let kept = try queue.counts().filter { $0.value != 0 }
        #expect(Dictionary(uniqueKeysWithValues: kept.map { ($0.key.rawValue, $0.value) }) == actual)
        #expect(actual == ["queued": 12, "running": 3])
    }
}

/// Collects what the claimer threads got.
private final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [(claimer: Int, ids: [JobID])] = []
    private var failures: [String] = []

    func add(_ ids: [JobID], by claimer: Int) { lock.withLock { batches.append((claimer, ids)) } }
    func fail(_ error: any Error) { lock.withLock { failures.append("\(error)") } }
    var ids: [JobID] { lock.withLock { batches.flatMap(\.ids) } }
    var errors: [String] { lock.withLock { failures } }
    var claimersThatGotWork: Int { lock.withLock { Set(batches.map(\.claimer)).count } }
}
