import ControlProtocol
import Foundation
import Logging
import ReportModel
import ReportParsing
import ReportStore
import ReportValidation
import ServiceLifecycle

/// The workers: each claims a few due jobs, reads (parse), validates, and completes them in one transaction
/// (group commit) while it parses its next batch; a converter that may work later, or a parse over `job_timeout`, fails the job transiently
/// for the queue's retry policy. A rejected report (not a report, undecodable, legacy layout) is stored and
/// makes its job `rejected` with the reason.
///
/// Workers sleep until ``wake()`` (the intake rings it after every commit) or for at most a second, to pick up
/// retries that became due. On graceful shutdown they stop claiming and finish the jobs they hold, waiting at
/// most `drain_timeout`; jobs still running then are rescued at the next start.
final class JobRunner: Service {
    /// Jobs one worker claims at a time.
    static let claimLimit = 16

    private let queue: SQLiteJobQueue
    private let settings: RuntimeSettings
    private let events: EventLog
    private let databasePool: BlockingPool
    private let parsePool: BlockingPool
    private let progress: ProgressMonitor
    private let converter: any DocumentConverter
    private let validator = ReportValidator()
    private let drainTimeout: Duration
    private let logger: Logger
    private let doorbells: [Doorbell]
    private let drain = DrainDeadline()

    init(workers: Int, queue: SQLiteJobQueue, settings: RuntimeSettings, events: EventLog, databasePool: BlockingPool,
         parsePool: BlockingPool, progress: ProgressMonitor, converter: any DocumentConverter, drainTimeout: Duration,
         logger: Logger) {
        self.queue = queue
        self.settings = settings
        self.events = events
        self.databasePool = databasePool
        self.parsePool = parsePool
        self.progress = progress
        self.converter = converter
        self.drainTimeout = drainTimeout
        self.logger = logger
        doorbells = (0..<max(1, workers)).map { _ in Doorbell() }
    }

    /// Wakes every idle worker (new jobs were committed).
    func wake() {
        for doorbell in doorbells { doorbell.ring() }
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, doorbell) in doorbells.enumerated() {
                    group.addTask { try await self.work(index, doorbell) }
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.drain.start(self.drainTimeout)
            self.wake()
        }
    }

    /// One worker: claim, parse, and commit the previous batch's results while parsing the next batch, so
    /// that storing (serialised on the database's one writer) overlaps with parsing. While a batch is parsed the
    /// next one is already being claimed: a claim waits for the writer (the intake's and the other workers'
    /// commits), and the parse threads should not wait with it. A batch claimed ahead is held like any other:
    /// on shutdown it is parsed and stored within the drain deadline, or rescued at the next start.
    private func work(_ index: Int, _ doorbell: Doorbell) async throws {
        var committing: Task<Void, any Error>?
        var claimedAhead: Task<[ClaimedJob], any Error>?
        while !Task.isCancelled {
            progress.beat(.workers)
            let jobs: [ClaimedJob]
            if let ahead = claimedAhead {
                claimedAhead = nil
                jobs = try await ahead.value
            } else if Task.isShuttingDownGracefully {
                break
            } else {
                jobs = try await claim()
            }
            if jobs.isEmpty {
                if let previous = committing {
                    committing = nil
                    try await previous.value
                    continue
                }
                if Task.isShuttingDownGracefully { break }
                await doorbell.wait(timeout: .seconds(1))
                continue
            }
            if !Task.isShuttingDownGracefully {
                claimedAhead = Task { try await self.claim() }
            }
            let results = try await parse(jobs)
            if let previous = committing { try await previous.value }
            committing = Task { try await self.finish(results, of: jobs) }
        }
        if let previous = committing { try await previous.value }
    }

    /// Claims up to `claimLimit` due jobs.
    private func claim() async throws -> [ClaimedJob] {
        let queue = self.queue
        return try await databasePool.run { try queue.claim(limit: Self.claimLimit) }
    }

    /// What one parse gave.
    private enum Outcome: Sendable {
        case report(Report, EncodedCells?)
        case transient(String)
    }

    /// A batch's results: reports to store and failures to record.
    private struct BatchResults: Sendable {
        var completions: [JobCompletion] = []
        var failures: [(job: ClaimedJob, failure: JobFailure)] = []
    }

    /// Reads and validates each job on the parse pool, each within `job_timeout` (and the drain deadline).
    private func parse(_ jobs: [ClaimedJob]) async throws -> BatchResults {
        for job in jobs {
            events.publish(.started, job: job.id.rawValue, file: job.fileName, state: JobState.running.rawValue)
        }
        var results = BatchResults()
        for job in jobs {
            let timeout = settings.current.jobTimeout
            var limit = timeout
            if let left = drain.remaining() {
                guard left > .zero else { break }
                limit = min(limit, left)
            }
            progress.beat(.workers, nextWithin: limit + .seconds(5))
            let converter = self.converter, validator = self.validator, queue = self.queue
            let outcome = try await parsePool.run({ Self.read(job, converter: converter, validator: validator, queue: queue) },
                                                  limit: limit)
            switch outcome {
            case .report(let report, let cells)?:
                results.completions.append(JobCompletion(id: job.id, report: report, cells: cells))
            case .transient(let reason)?:
                results.failures.append((job, .transient(reason)))
            case nil where drain.remaining().map({ $0 <= .zero }) ?? false:
                break
            case nil:
                results.failures.append((job, .transient("解析超过时限 \(timeout)（job_timeout）/ parse took longer than job_timeout")))
            }
        }
        let handled = results.completions.count + results.failures.count
        if handled < jobs.count {
            logger.warning("drain timeout: jobs still running are rescued at the next start",
                           metadata: ["jobs": "\(jobs.count - handled)"])
        }
        return results
    }

    /// Records a batch's results: the reports in one transaction, then each failure.
    private func finish(_ results: BatchResults, of jobs: [ClaimedJob]) async throws {
        try await complete(results.completions, of: jobs)
        for (job, failure) in results.failures {
            let queue = self.queue
            let state = try await databasePool.run { try queue.fail(job.id, failure) }
            let kind: DaemonEvent.Kind = switch state {
            case .retrying: .retrying
            case .rejected: .rejected
            default: .failed
            }
            log(job).warning("failed: \(failure.message)", metadata: ["state": "\(state.rawValue)"])
            events.publish(kind, job: job.id.rawValue, file: job.fileName, state: state.rawValue, detail: failure.message)
        }
    }

    /// Stores the reports in one transaction; if that is refused because one job is no longer running, stores
    /// them one by one so the others are not lost. Any other error (the database failed) is fatal.
    private func complete(_ completions: [JobCompletion], of jobs: [ClaimedJob]) async throws {
        guard !completions.isEmpty else { return }
        let queue = self.queue
        do {
            try await databasePool.run { _ = try queue.complete(completions) }
        } catch is StoreError where completions.count > 1 {
            for completion in completions {
                do {
                    try await databasePool.run { _ = try queue.complete([completion]) }
                } catch let error as StoreError {
                    logger.error("could not complete job: \(error)", metadata: ["job": "\(completion.id)"])
                }
            }
        }
        let names = Dictionary(jobs.map { ($0.id, $0.fileName) }) { first, _ in first }
        for completion in completions {
            let report = completion.report
            let name = names[completion.id]
            if report.status == .rejected {
                let reason = report.findings.first { $0.severity == .error }?.message ?? "无法读取"
                log(completion.id, name).info("rejected: \(reason)")
                events.publish(.rejected, job: completion.id.rawValue, file: name, state: JobState.rejected.rawValue,
                               detail: reason)
            } else {
                log(completion.id, name).debug("stored", metadata: ["status": "\(report.status.rawValue)"])
                events.publish(.stored, job: completion.id.rawValue, file: name, state: JobState.stored.rawValue,
                               detail: report.status.displayName)
            }
        }
    }

    /// Reads and validates one job's bytes and encodes its cells for storing (here, on a parse thread, rather
    /// than in the one writer's transaction); a rejection that may pass (a converter timed out) is transient.
    private static func read(_ job: ClaimedJob, converter: any DocumentConverter, validator: ReportValidator,
                             queue: SQLiteJobQueue) -> Outcome {
        let outcome = DocumentReader(converter: converter).outcome(job.bytes, fileName: job.fileName)
        if outcome.isTransient {
            let reason = outcome.report.findings.first { $0.severity == .error }?.message ?? "转换暂时失败 / conversion failed for now"
            return .transient(reason)
        }
        var checked = validator.validate(outcome.report)
        checked.sha256 = job.sha256
        return .report(checked, queue.encodeCells(of: checked))
    }

    private func log(_ job: ClaimedJob) -> Logger { log(job.id, job.fileName) }

    private func log(_ id: JobID, _ file: String?) -> Logger {
        var log = logger
        log[metadataKey: "job"] = "\(id)"
        if let file { log[metadataKey: "file"] = "\(file)" }
        return log
    }
}

/// When a graceful shutdown must be over: set once when the shutdown starts.
final class DrainDeadline: @unchecked Sendable {
    private let lock = NSLock()
    private var deadline: ContinuousClock.Instant?

    func start(_ timeout: Duration) {
        lock.withLock { if deadline == nil { deadline = .now + timeout } }
    }

    /// Time left to drain; nil while no shutdown has started.
    func remaining() -> Duration? {
        lock.withLock { deadline.map { $0 - .now } }
    }
}
