#if canImport(Glibc)
import Glibc
#endif
import ControlProtocol
import Crypto
import Foundation
import Logging
import ReportStore
import ServiceLifecycle

/// Moves files from the inbox into the queue, following the accept sequence of the architecture:
/// look (no symlinks, only regular files under the size limit, settled), read, hash, enqueue a batch in one
/// transaction (the bytes are durable at its commit), and only then unlink the inbox entries.
///
/// Names come from inotify (created, close-after-write, moved-in) and from full scans at start-up, after an event
/// queue overflow and every `scan_interval`. While intake is paused (`govreportctl pause`) or the queue holds
/// more than `queue_high_water` waiting jobs, files stay in the inbox.
final class Intake: Service {
    /// Names looked at in one batch, and the most bytes read for one batch (one commit).
    static let batchLimit = 256
    static let batchBytes = 16 * 1024 * 1024

    private let inbox: String
    private let quarantine: QuarantineDirectory
    private let queue: SQLiteJobQueue
    private let settings: RuntimeSettings
    private let events: EventLog
    private let pool: BlockingPool
    private let progress: ProgressMonitor
    private let wakeWorkers: @Sendable () -> Void
    private let onFirstScan: @Sendable () -> Void
    private let logger: Logger
    private let doorbell = Doorbell()

    init(inbox: String, quarantine: String, queue: SQLiteJobQueue, settings: RuntimeSettings, events: EventLog,
         pool: BlockingPool, progress: ProgressMonitor, wakeWorkers: @escaping @Sendable () -> Void,
         onFirstScan: @escaping @Sendable () -> Void, logger: Logger) {
        self.inbox = inbox
        self.quarantine = QuarantineDirectory(path: quarantine)
        self.queue = queue
        self.settings = settings
        self.events = events
        self.pool = pool
        self.progress = progress
        self.wakeWorkers = wakeWorkers
        self.onFirstScan = onFirstScan
        self.logger = logger
    }

    func run() async throws {
        let watcher = try InboxWatcher(directory: inbox, doorbell: doorbell)
        defer { watcher.stop() }
        try await withGracefulShutdownHandler {
            try await loop(watcher)
        } onGracefulShutdown: {
            self.doorbell.ring()
        }
    }

    private func loop(_ watcher: InboxWatcher) async throws {
        var pending = PendingEntries()
        var nextScan = ContinuousClock.now
        var scanned = false
        var throttled = false
        var wasPaused = false
        var directoriesSeen: Set<String> = []
        var namesWarned: Set<String> = []
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            progress.beat(.intake)
            let now = ContinuousClock.now
            let current = settings.current
            let (names, overflowed) = watcher.take()
            for (name, complete) in names where !InboxNamePolicy.ignores(name) { pending.add(name, closed: complete) }
            if overflowed {
                logger.warning("inotify event queue overflowed; scanning the inbox")
                nextScan = now
            }
            if now >= nextScan {
                let inbox = self.inbox
                let (listed, undecodable) = try await pool.run { try Self.list(inbox) }
                for name in listed where !InboxNamePolicy.ignores(name) { pending.add(name, closed: false) }
                for name in undecodable where namesWarned.insert(name).inserted {
                    logger.warning("an inbox entry's name is not UTF-8 and is left in place; rename it",
                                   metadata: ["file": "\(name)"])
                }
                nextScan = ContinuousClock.now + current.scanInterval
                if !scanned {
                    scanned = true
                    logger.info("first inbox scan done", metadata: ["entries": "\(listed.count)"])
                    onFirstScan()
                }
            }
            let queue = self.queue
            let (paused, counts) = try await pool.run { (try queue.isIntakePaused(), try queue.counts()) }
            if paused != wasPaused {
                logger.notice(paused ? "intake paused: files stay in the inbox" : "intake resumed")
                wasPaused = paused
            }
            let waitingJobs = (counts[.queued] ?? 0) + (counts[.retrying] ?? 0)
            if throttled, waitingJobs < current.queueHighWater / 2 {
                throttled = false
                logger.info("queue below half its high-water mark: intake resumes", metadata: ["waiting": "\(waitingJobs)"])
            } else if !throttled, waitingJobs >= current.queueHighWater {
                throttled = true
                logger.info("queue at its high-water mark: intake waits", metadata: ["waiting": "\(waitingJobs)"])
            }
            let due = paused || throttled ? [] : pending.takeDue(limit: Self.batchLimit, now: now)
            if due.isEmpty {
                var timeout = Duration.seconds(1)
                if !paused && !throttled, let end = pending.nextWaitEnd { timeout = min(timeout, max(.zero, end - now)) }
                timeout = min(timeout, max(.zero, nextScan - now))
                await doorbell.wait(timeout: timeout)
                continue
            }
            let closed = due.map { pending.isClosed($0) }
            let result = try await accept(Array(zip(due, closed)), settings: current)
            for name in result.finished { pending.finish(name) }
            for (name, wait) in result.unsettled { pending.wait(name, until: ContinuousClock.now + wait) }
            for name in result.directories where directoriesSeen.insert(name).inserted {
                logger.notice("a directory in the inbox is left in place", metadata: ["file": "\(name)"])
            }
            report(result)
        }
    }

    /// What one batch did.
    private struct BatchResult: Sendable {
        var accepted: [(name: String, outcome: EnqueueOutcome)] = []
        var quarantined: [(name: String, job: JobID, reason: QuarantineReason, movedTo: String)] = []
        var unsettled: [(name: String, wait: Duration)] = []
        var directories: [String] = []
        var problems: [(name: String, message: String)] = []
        var finished: [String] = []
    }

    /// Looks at, reads, enqueues and unlinks one batch of names, on the blocking pool.
    private func accept(_ names: [(String, Bool)], settings: RuntimeSettings.Values) async throws -> BatchResult {
        let inbox = self.inbox, queue = self.queue, quarantine = self.quarantine, wakeWorkers = self.wakeWorkers
        return try await pool.run {
            var result = BatchResult()
            var files: [InboxFile] = []
            var bytes = 0
            var refused: [(name: String, reason: QuarantineReason, entry: QuarantinedEntry)] = []
            for (index, (name, closed)) in names.enumerated() {
                if bytes >= Self.batchBytes {
                    // The batch is full: look at the rest at once, in the next batch.
                    result.unsettled.append(contentsOf: names[index...].map { ($0.0, Duration.zero) })
                    break
                }
                switch InboxProbe.look(at: name, in: inbox, maxSize: settings.maxFileSize, settle: settings.settle,
                                       closed: closed) {
                case .file(let file):
                    files.append(file)
                    bytes += file.bytes.count
                case .unsettled(let wait):
                    result.unsettled.append((name, wait))
                case .quarantine(let reason, let identity, let size):
                    let key = Self.hex(SHA256.hash(data: Array("quarantined\0\(identity)\0\(UUID().uuidString)".utf8)))
                    refused.append((name, reason, QuarantinedEntry(documentKey: key, fileName: name, entry: identity,
                                                                   reason: reason.message, size: size)))
                case .directory:
                    result.directories.append(name)
                    result.finished.append(name)
                case .vanished:
                    result.finished.append(name)
                }
            }
            if !files.isEmpty {
                let incoming = files.map {
                    IncomingFile(sha256: Self.hex(SHA256.hash(data: $0.bytes)), bytes: $0.bytes, fileName: $0.name,
                                 entry: $0.entry)
                }
                // The commit makes the bytes durable (synchronous = FULL); a failure here is fatal.
                let outcomes = try queue.enqueue(incoming)
                wakeWorkers()
                for (file, outcome) in zip(files, outcomes) {
                    if unlink(inbox + "/" + file.name) != 0 && errno != ENOENT {
                        result.problems.append((file.name, "\(SystemError("unlink", errno))"))
                    }
                    result.accepted.append((file.name, outcome))
                    result.finished.append(file.name)
                }
            }
            if !refused.isEmpty {
                let jobs = try queue.recordQuarantined(refused.map(\.entry))
                for (entry, job) in zip(refused, jobs) {
                    do {
                        let movedTo = try quarantine.take(entry.name, from: inbox, reason: entry.reason)
                        result.quarantined.append((entry.name, job, entry.reason, movedTo))
                        result.finished.append(entry.name)
                    } catch {
                        result.problems.append((entry.name, "could not move to quarantine: \(error)"))
                        result.unsettled.append((entry.name, .seconds(30)))
                    }
                }
            }
            return result
        }
    }

    /// Logs the batch and publishes its events.
    private func report(_ result: BatchResult) {
        for (name, outcome) in result.accepted {
            var log = logger
            log[metadataKey: "file"] = "\(name)"
            log[metadataKey: "job"] = "\(outcome.jobID)"
            switch outcome {
            case .accepted(let id):
                log.debug("accepted")
                events.publish(.accepted, job: id.rawValue, file: name, state: JobState.queued.rawValue)
            case .duplicate(let id, let first):
                log.info("duplicate: the same bytes were accepted before", metadata: ["first": "\(first.map { "\($0)" } ?? "-")"])
                events.publish(.duplicate, job: id.rawValue, file: name, state: JobState.duplicate.rawValue,
                               detail: "与任务 \(first.map { "\($0)" } ?? "（已清理）") 的文件内容相同")
            case .alreadyAccepted:
                log.info("already accepted before a restart; removed from the inbox")
            }
        }
        for entry in result.quarantined {
            logger.warning("quarantined: \(entry.reason.english)",
                           metadata: ["file": "\(entry.name)", "job": "\(entry.job)", "moved_to": "\(entry.movedTo)"])
            events.publish(.quarantined, job: entry.job.rawValue, file: entry.name, state: JobState.quarantined.rawValue,
                           detail: entry.reason.chinese)
        }
        for problem in result.problems {
            logger.error("\(problem.message)", metadata: ["file": "\(problem.name)"])
        }
    }

    /// The names in `directory` (without `.` and `..`), and, apart, names that are not valid UTF-8 (shown with
    /// replacement characters; they cannot be opened by that spelling).
    private static func list(_ directory: String) throws -> (names: [String], undecodable: [String]) {
        guard let stream = opendir(directory) else { throw SystemError("opendir \(directory)", errno) }
        defer { closedir(stream) }
        var names: [String] = []
        var undecodable: [String] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if let name = String(validating: bytes, as: UTF8.self) {
                if name != "." && name != ".." { names.append(name) }
            } else {
                undecodable.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return (names, undecodable)
    }

    /// Lowercase hex of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
