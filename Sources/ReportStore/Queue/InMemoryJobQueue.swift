import Foundation
public import ReportModel

/// A ``JobQueue`` in memory with the same states and rules as ``SQLiteJobQueue``, for tests of the daemon's
/// other parts. Completed reports are kept as given (no cross-year findings, no versions).
public actor InMemoryJobQueue: JobQueue {
    public let retryPolicy: RetryPolicy
    public let maxRescues: Int
    private let now: @Sendable () -> Date
    private var documents: [String: [UInt8]] = [:]
    private var jobsByID: [JobID: Job] = [:]
    private var events: [JobID: [JobEvent]] = [:]
    private var nextJobID: Int64 = 1
    private var paused = false
    /// Reports completed, by the id handed out for them.
    public private(set) var reports: [ReportID: Report] = [:]

    public init(retryPolicy: RetryPolicy = .standard, maxRescues: Int = 3, now: @escaping @Sendable () -> Date = { Date() }) {
        self.retryPolicy = retryPolicy
        self.maxRescues = maxRescues
        self.now = now
    }

    public func enqueue(_ files: [IncomingFile]) throws -> [EnqueueOutcome] {
        for file in files where !IncomingFile.isValidSHA256(file.sha256) { throw StoreError.invalidSHA256(file.sha256) }
        let at = now()
        return files.map { file in
            let sameDocument = jobsByID.values.filter { $0.sha256 == file.sha256 }.sorted { $0.id < $1.id }
            if let earlier = sameDocument.first(where: { $0.entry == file.entry }) { return .alreadyAccepted(earlier.id) }
            let isNew = documents[file.sha256] == nil
            if isNew { documents[file.sha256] = file.bytes }
            let first = (sameDocument.first { $0.state != .duplicate } ?? sameDocument.first)?.id
            let id = JobID(nextJobID)
            nextJobID += 1
            jobsByID[id] = Job(id: id, sha256: file.sha256, entry: file.entry, fileName: file.fileName,
                               state: isNew ? .queued : .duplicate, nextAttemptAt: isNew ? at : nil, createdAt: at,
                               updatedAt: at, duplicateOf: isNew ? nil : first)
            record(id, from: nil, to: isNew ? .queued : .duplicate, note: nil, at: at)
            return isNew ? .accepted(id) : .duplicate(id, of: first)
        }
    }

    public func claim(limit: Int) -> [ClaimedJob] {
        let at = now()
        let due = jobsByID.values
            .filter { $0.state.isClaimable && ($0.nextAttemptAt ?? .distantFuture) <= at }
            .sorted { ($0.nextAttemptAt!, $0.id) < ($1.nextAttemptAt!, $1.id) }
            .prefix(limit)
        return due.map { job in
            update(job.id, to: .running, note: nil, at: at) { $0.nextAttemptAt = nil }
            return ClaimedJob(id: job.id, sha256: job.sha256, fileName: job.fileName, bytes: documents[job.sha256] ?? [],
                              attempts: job.attempts, rescues: job.rescues)
        }
    }

    public func complete(_ completions: [JobCompletion]) throws -> [ReportID] {
        for completion in completions { _ = try runningJob(completion.id) }
        let at = now()
        return completions.map { completion in
            let reportID = ReportID(Int64(reports.count + 1))
            var report = completion.report
            report.sha256 = jobsByID[completion.id]!.sha256
            reports[reportID] = report
            let state: JobState = report.status == .rejected ? .rejected : .stored
            update(completion.id, to: state, note: "report \(reportID)", at: at) {
                $0.attempts += 1
                $0.reportID = reportID
            }
            return reportID
        }
    }

    public func fail(_ id: JobID, _ failure: JobFailure) throws -> JobState {
        let job = try runningJob(id)
        let at = now()
        let attempt = job.attempts + 1
        let state: JobState
        var next: Date?
        switch failure {
        case .permanent:
            state = .rejected
        case .transient where retryPolicy.shouldRetry(attempt: attempt):
            state = .retrying
            next = at.addingTimeInterval(Double(Milliseconds.from(retryPolicy.backoff(attempt: attempt))) / 1000)
        case .transient:
            state = .failed
        }
        update(id, to: state, note: failure.message, at: at) {
            $0.attempts = attempt
            $0.nextAttemptAt = next
            $0.lastError = failure.message
        }
        return state
    }

    public func retry(_ selection: RetrySelection) throws -> [JobID] {
        let ids: [JobID]
        switch selection {
        case .jobs(let given): ids = given
        case .allFailedAndRejected:
            ids = jobsByID.values.filter { $0.state == .failed || $0.state == .rejected }.map(\.id).sorted()
        }
        for id in ids {
            guard let job = jobsByID[id] else { throw StoreError.jobNotFound(id) }
            guard [.failed, .rejected, .quarantined, .stored].contains(job.state) else { throw StoreError.jobNotRetryable(id, job.state) }
        }
        let at = now()
        for id in ids {
            update(id, to: .queued, note: "retry requested", at: at) {
                $0.attempts = 0
                $0.rescues = 0
                $0.nextAttemptAt = at
            }
        }
        return ids
    }

    public func rescueOrphans() -> RescueSummary {
        let at = now()
        var summary = RescueSummary()
        for job in jobsByID.values.filter({ $0.state == .running }).sorted(by: { $0.id < $1.id }) {
            let rescues = job.rescues + 1
            let poison = rescues >= maxRescues
            update(job.id, to: poison ? .quarantined : .queued, note: "rescue \(rescues)", at: at) {
                $0.rescues = rescues
                $0.nextAttemptAt = poison ? nil : at
                if poison { $0.lastError = "running when the daemon stopped \(rescues) times: quarantined as poison" }
            }
            if poison { summary.quarantined.append(job.id) } else { summary.requeued.append(job.id) }
        }
        return summary
    }

    public func setIntakePaused(_ paused: Bool) { self.paused = paused }

    public func isIntakePaused() -> Bool { paused }

    public func prune(finishedBefore cutoff: Date) -> Int {
        let doomed = jobsByID.values.filter { $0.state.isPrunable && $0.updatedAt < cutoff }.map(\.id)
        for id in doomed {
            jobsByID[id] = nil
            events[id] = nil
        }
        for (id, job) in jobsByID where job.duplicateOf.map(doomed.contains) == true { jobsByID[id]?.duplicateOf = nil }
        return doomed.count
    }

    public func counts() -> [JobState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        for job in jobsByID.values { counts[job.state, default: 0] += 1 }
        return counts
    }

    public func job(_ id: JobID) -> Job? { jobsByID[id] }

    public func jobs(in state: JobState?, limit: Int) -> [Job] {
        Array(jobsByID.values.filter { state == nil || $0.state == state }.sorted { $0.id > $1.id }.prefix(limit))
    }

    public func history(of id: JobID) -> [JobEvent] { events[id] ?? [] }

    private func runningJob(_ id: JobID) throws -> Job {
        guard let job = jobsByID[id] else { throw StoreError.jobNotFound(id) }
        guard job.state == .running else { throw StoreError.jobNotRunning(id, job.state) }
        return job
    }

    private func update(_ id: JobID, to state: JobState, note: String?, at: Date, _ change: (inout Job) -> Void = { _ in }) {
        guard var job = jobsByID[id] else { return }
        let from = job.state
        job.state = state
        job.updatedAt = at
        change(&job)
        jobsByID[id] = job
        record(id, from: from, to: state, note: note, at: at)
    }

    private func record(_ id: JobID, from: JobState?, to: JobState, note: String?, at: Date) {
        events[id, default: []].append(JobEvent(at: at, from: from, to: to, note: note))
    }
}
