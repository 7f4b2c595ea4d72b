import Foundation
public import ReportModel

/// The durable queue between the intake and the workers: files go in, jobs come out, results go back.
///
/// Every method that changes state is one transaction: `enqueue` and `complete` take batches so that many
/// files or reports cost one commit (group commit). ``SQLiteJobQueue`` is the real one;
/// ``InMemoryJobQueue`` behaves the same for tests of other code.
///
/// - Important: A file counts as accepted only once `enqueue` has returned; only then may the intake
///   unlink it from the inbox. ``rescueOrphans()`` must run at start-up, before any worker claims.
public protocol JobQueue: Sendable {
    /// Stores the files' bytes and creates their jobs, all in one transaction; one outcome per file, in order.
    func enqueue(_ files: [IncomingFile]) async throws -> [EnqueueOutcome]

    /// Moves up to `limit` due `queued` / `retrying` jobs to `running`, oldest due first. No two callers —
    /// threads or processes — ever receive the same job.
    func claim(limit: Int) async throws -> [ClaimedJob]

    /// Stores each report and marks its job `stored` (or `rejected` for a rejected report) in one
    /// transaction. If any job is not running, nothing is stored and the call throws.
    func complete(_ completions: [JobCompletion]) async throws -> [ReportID]

    /// Ends a run with a classified failure: transient → `retrying` (after back-off) or `failed` (too many
    /// attempts); permanent → `rejected`. Returns the new state.
    func fail(_ id: JobID, _ failure: JobFailure) async throws -> JobState

    /// Requeues failed and rejected jobs (and, by id, quarantined or stored ones) with fresh attempt counts.
    func retry(_ selection: RetrySelection) async throws -> [JobID]

    /// Requeues jobs left `running` by a crash, counting a rescue (not an attempt); quarantines a job on its
    /// third rescue.
    func rescueOrphans() async throws -> RescueSummary

    /// The persisted "intake paused" flag; the intake stops accepting files while it is set.
    func setIntakePaused(_ paused: Bool) async throws
    func isIntakePaused() async throws -> Bool

    /// Deletes stored, failed, rejected and duplicate job rows last changed before `cutoff`, with their
    /// history; documents and reports are never deleted. Returns the number of jobs deleted.
    func prune(finishedBefore cutoff: Date) async throws -> Int

    /// The number of jobs in each state (every state present, zeros included).
    func counts() async throws -> [JobState: Int]

    func job(_ id: JobID) async throws -> Job?

    /// Jobs in a state (or all), newest first.
    func jobs(in state: JobState?, limit: Int) async throws -> [Job]

    /// The job's history, oldest first.
    func history(of id: JobID) async throws -> [JobEvent]
}

extension JobQueue {
    /// Enqueues one file.
    public func enqueue(_ file: IncomingFile) async throws -> EnqueueOutcome {
        try await enqueue([file])[0]
    }

    /// Claims one job, if one is due.
    public func claim() async throws -> ClaimedJob? {
        try await claim(limit: 1).first
    }

    /// Completes one job.
    @discardableResult
    public func complete(_ id: JobID, with report: Report) async throws -> ReportID {
        try await complete([JobCompletion(id: id, report: report)])[0]
    }
}
