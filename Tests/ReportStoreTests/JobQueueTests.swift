import Foundation
import ReportModel
import Testing
@testable import ReportStore

/// The behaviour every ``JobQueue`` shares, run against the SQLite queue and its in-memory twin.
@Suite struct JobQueueTests {
    enum Kind: String, CaseIterable, Sendable { case sqlite, memory }

    /// A queue under test, with its clock (and the directory of its file).
    struct Fixture {
        let queue: any JobQueue
        let clock: ManualClock
        let directory: TemporaryDirectory
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(10), maxDelay: .seconds(15), jitter: 0.5)

        init(_ kind: Kind) throws {
            let clock = ManualClock()
            directory = try TemporaryDirectory()
            self.clock = clock
            switch kind {
            case .sqlite:
                queue = SQLiteJobQueue(database: try directory.database(), retryPolicy: policy, now: { clock.now })
            case .memory:
                queue = InMemoryJobQueue(retryPolicy: policy, now: { clock.now })
            }
        }

        /// Enqueues and claims one file.
        func running(_ label: String) async throws -> JobID {
            let id = try await queue.enqueue(incoming(label)).jobID
            let claimed = try await queue.claim(limit: 10)
            #expect(claimed.map(\.id).contains(id))
            return id
        }
    }

    @Test(arguments: Kind.allCases)
    func enqueueAcceptsNewBytesAndRecognisesCopiesAndReOffers(kind: Kind) async throws {
        let f = try Fixture(kind)
        let outcomes = try await f.queue.enqueue([
            incoming("a"),
            incoming("a", name: "copy-of-a.txt"),  // same bytes, another inbox entry
            incoming("a"),  // the same entry again, as after a crash before unlink
            incoming("b"),
        ])
        guard case .accepted(let first) = outcomes[0], case .duplicate(let copy, let of) = outcomes[1],
              case .alreadyAccepted(let again) = outcomes[2], case .accepted = outcomes[3] else {
            Issue.record("unexpected outcomes \(outcomes)")
            return
        }
        #expect(of == first)
        #expect(again == first)
        #expect(try await f.queue.job(copy)?.state == .duplicate)
        #expect(try await f.queue.job(copy)?.duplicateOf == first)
        #expect(try await f.queue.job(first)?.state == .queued)
        let counts = try await f.queue.counts()
        #expect(counts[.queued] == 2 && counts[.duplicate] == 1)
        #expect(try await f.queue.enqueue(incoming("b")) == .alreadyAccepted(outcomes[3].jobID))
    }

    @Test(arguments: Kind.allCases)
    func enqueueRefusesAMalformedKeyAndStoresNothing(kind: Kind) async throws {
        let f = try Fixture(kind)
        var bad = incoming("bad")
        bad.sha256 = "ABC"
        await #expect(throws: StoreError.invalidSHA256("ABC")) { try await f.queue.enqueue([incoming("ok"), bad]) }
        #expect(try await f.queue.counts().values.reduce(0, +) == 0)
    }

    @Test(arguments: Kind.allCases)
    func claimHandsOutEachDueJobOnceOldestFirst(kind: Kind) async throws {
        let f = try Fixture(kind)
        let a = try await f.queue.enqueue(incoming("a")).jobID
        f.clock.advance(by: 1)
        let b = try await f.queue.enqueue(incoming("b")).jobID
        let claimed = try await f.queue.claim(limit: 1)
        #expect(claimed.map(\.id) == [a])
        #expect(claimed.first?.bytes == Array("a".utf8))
        #expect(claimed.first?.fileName == "a.txt")
        #expect(try await f.queue.claim(limit: 5).map(\.id) == [b])
        #expect(try await f.queue.claim(limit: 5).isEmpty)
        #expect(try await f.queue.job(a)?.state == .running)
    }

    @Test(arguments: Kind.allCases)
    func completeStoresTheReportAndRecordsHistory(kind: Kind) async throws {
        let f = try Fixture(kind)
        let id = try await f.running("a")
        let reportID = try await f.queue.complete(id, with: SyntheticReport.make(body: "昆吾办", year: 2020))
        let job = try await f.queue.job(id)
        #expect(job?.state == .stored)
        #expect(job?.reportID == reportID)
        #expect(job?.attempts == 1)
        #expect(try await f.queue.history(of: id).map(\.to) == [.queued, .running, .stored])
        #expect(try await f.queue.history(of: id).first?.from == nil)
        await #expect(throws: StoreError.jobNotRunning(id, .stored)) {
            try await f.queue.complete(id, with: SyntheticReport.make(body: "昆吾办", year: 2020))
        }
    }

    @Test(arguments: Kind.allCases)
    func aRejectedReportRejectsTheJob(kind: Kind) async throws {
        let f = try Fixture(kind)
        let id = try await f.running("a")
        let report = Report(file: "a.txt", format: "unknown", status: .rejected,
                            findings: [.error(RuleID.docFormat, "不是政府信息公开工作年度报告")])
        try await f.queue.complete(id, with: report)
        #expect(try await f.queue.job(id)?.state == .rejected)
    }

    @Test(arguments: Kind.allCases)
    func transientFailuresBackOffThenGiveUp(kind: Kind) async throws {
        let f = try Fixture(kind)
        let id = try await f.running("a")
        let start = f.clock.now

        // First failure: retrying, due after 5…10 s (base 10 s, half of it random)
        #expect(try await f.queue.fail(id, .transient("converter timed out")) == .retrying)
        let first = try #require(try await f.queue.job(id))
        #expect(first.attempts == 1)
        #expect(first.lastError == "converter timed out")
        let wait = try #require(first.nextAttemptAt).timeIntervalSince(start)
        #expect(wait >= 5 && wait <= 10)
        #expect(try await f.queue.claim(limit: 1).isEmpty)
        f.clock.advance(by: 10)
        #expect(try await f.queue.claim(limit: 1).map(\.id) == [id])

        // Second failure: the wait doubles but is capped at 15 s
        #expect(try await f.queue.fail(id, .transient("again")) == .retrying)
        let second = try #require(try await f.queue.job(id)?.nextAttemptAt).timeIntervalSince(f.clock.now)
        #expect(second >= 7.5 && second <= 15)
        f.clock.advance(by: 15)
        #expect(try await f.queue.claim(limit: 1).map(\.id) == [id])

        // Third failure: maxAttempts reached
        #expect(try await f.queue.fail(id, .transient("still")) == .failed)
        #expect(try await f.queue.job(id)?.attempts == 3)
        f.clock.advance(by: 3600)
        #expect(try await f.queue.claim(limit: 1).isEmpty)
        #expect(try await f.queue.history(of: id).map(\.to)
                == [.queued, .running, .retrying, .running, .retrying, .running, .failed])
    }

    @Test(arguments: Kind.allCases)
    func permanentFailuresRejectAndRetryRequeues(kind: Kind) async throws {
        let f = try Fixture(kind)
        let rejected = try await f.running("a")
        #expect(try await f.queue.fail(rejected, .permanent("legacy layout")) == .rejected)
        let failed = try await f.running("b")
        _ = try await f.queue.fail(failed, .transient("x"))
        f.clock.advance(by: 20)
        _ = try await f.queue.claim(limit: 1)
        _ = try await f.queue.fail(failed, .transient("x"))
        f.clock.advance(by: 20)
        _ = try await f.queue.claim(limit: 1)
        #expect(try await f.queue.fail(failed, .transient("x")) == .failed)
        let stored = try await f.running("c")
        try await f.queue.complete(stored, with: SyntheticReport.make(body: "昆吾办", year: 2020))

        // Retrying a queued job is refused; by id and "all" requeue failed and rejected ones with fresh counts
        let queued = try await f.queue.enqueue(incoming("d")).jobID
        await #expect(throws: StoreError.jobNotRetryable(queued, .queued)) { try await f.queue.retry(.jobs([queued])) }
        #expect(try await f.queue.retry(.jobs([rejected])) == [rejected])
        #expect(try await f.queue.job(rejected)?.state == .queued)
        #expect(try await f.queue.retry(.allFailedAndRejected) == [failed])
        let job = try #require(try await f.queue.job(failed))
        #expect(job.state == .queued && job.attempts == 0)
        #expect(Set(try await f.queue.claim(limit: 5).map(\.id)) == [rejected, failed, queued])

        // A stored job is processed again only when asked by id
        #expect(try await f.queue.retry(.jobs([stored])) == [stored])
        #expect(try await f.queue.job(stored)?.state == .queued)
    }

    @Test(arguments: Kind.allCases)
    func onlyRunningJobsCanFailOrComplete(kind: Kind) async throws {
        let f = try Fixture(kind)
        let id = try await f.queue.enqueue(incoming("a")).jobID
        await #expect(throws: StoreError.jobNotRunning(id, .queued)) { try await f.queue.fail(id, .permanent("x")) }
        await #expect(throws: StoreError.jobNotFound(JobID(999))) { try await f.queue.fail(JobID(999), .permanent("x")) }
    }

    @Test(arguments: Kind.allCases)
    func orphansAreRescuedThenQuarantined(kind: Kind) async throws {
        let f = try Fixture(kind)
        let id = try await f.running("poison")
        let other = try await f.queue.enqueue(incoming("fine")).jobID

        // Two crashes: requeued each time, counted as rescues, not attempts
        for rescue in 1...2 {
            #expect(try await f.queue.rescueOrphans() == RescueSummary(requeued: [id]))
            let job = try #require(try await f.queue.job(id))
            #expect(job.state == .queued && job.rescues == rescue && job.attempts == 0)
            #expect(try await f.queue.claim(limit: 1).map(\.id) == [id])
        }
        // The third: quarantined as poison; the queued job is untouched
        #expect(try await f.queue.rescueOrphans() == RescueSummary(quarantined: [id]))
        #expect(try await f.queue.job(id)?.state == .quarantined)
        #expect(try await f.queue.job(other)?.state == .queued)
        #expect(try await f.queue.rescueOrphans() == RescueSummary())

        // "Retry all" leaves poison alone; retry by id takes it back
        #expect(try await f.queue.retry(.allFailedAndRejected).isEmpty)
        #expect(try await f.queue.retry(.jobs([id])) == [id])
        #expect(try await f.queue.job(id)?.rescues == 0)
    }

    @Test(arguments: Kind.allCases)
    func intakePauseIsAFlag(kind: Kind) async throws {
        let f = try Fixture(kind)
        #expect(try await f.queue.isIntakePaused() == false)
        try await f.queue.setIntakePaused(true)
        #expect(try await f.queue.isIntakePaused() == true)
        try await f.queue.setIntakePaused(false)
        #expect(try await f.queue.isIntakePaused() == false)
    }

    @Test(arguments: Kind.allCases)
    func pruneDeletesOnlyOldFinishedJobs(kind: Kind) async throws {
        let f = try Fixture(kind)
        let stored = try await f.running("stored")
        try await f.queue.complete(stored, with: SyntheticReport.make(body: "昆吾办", year: 2020))
        let copy = try await f.queue.enqueue(incoming("stored", name: "copy.txt")).jobID
        let rejected = try await f.running("rejected")
        _ = try await f.queue.fail(rejected, .permanent("no"))
        let running = try await f.running("running")
        f.clock.advance(by: 100)
        let recent = try await f.running("recent")
        _ = try await f.queue.fail(recent, .permanent("no"))
        let queued = try await f.queue.enqueue(incoming("queued")).jobID

        #expect(try await f.queue.prune(finishedBefore: f.clock.now.addingTimeInterval(-50)) == 3)
        for gone in [stored, copy, rejected] { #expect(try await f.queue.job(gone) == nil) }
        for kept in [running, queued, recent] { #expect(try await f.queue.job(kept) != nil) }
        #expect(try await f.queue.history(of: stored).isEmpty)
        let counts = try await f.queue.counts()
        #expect(counts[.stored] == 0 && counts[.running] == 1 && counts[.queued] == 1 && counts[.rejected] == 1)
    }

    @Test(arguments: Kind.allCases)
    func countsCoverEveryState(kind: Kind) async throws {
        let f = try Fixture(kind)
        _ = try await f.queue.enqueue([incoming("a"), incoming("b"), incoming("a", name: "again.txt")])
        _ = try await f.queue.claim(limit: 1)
        let counts = try await f.queue.counts()
        #expect(Set(counts.keys) == Set(JobState.allCases))
        #expect(counts[.queued] == 1 && counts[.running] == 1 && counts[.duplicate] == 1 && counts[.stored] == 0)
        #expect(try await f.queue.jobs(in: .duplicate, limit: 10).map(\.fileName) == ["again.txt"])
        #expect(try await f.queue.jobs(in: nil, limit: 2).count == 2)
    }
}
