import Foundation
import Logging
import ReportStore
import ServiceLifecycle

/// The daemon's side of systemd's notify protocol: `READY=1` once recovery and the first inbox scan are done,
/// `STATUS=` with job counts every few seconds, `WATCHDOG=1` every `WATCHDOG_USEC`/2 but only while the
/// intake and worker loops keep beating, and `STOPPING=1` when a shutdown begins.
final class SystemdService: Service {
    private let notifier: SystemdNotifier
    private let queue: SQLiteJobQueue
    private let pool: BlockingPool
    private let progress: ProgressMonitor
    private let logger: Logger
    private let doorbell = Doorbell()
    private let readiness = Readiness()

    init(notifier: SystemdNotifier, queue: SQLiteJobQueue, pool: BlockingPool, progress: ProgressMonitor, logger: Logger) {
        self.notifier = notifier
        self.queue = queue
        self.pool = pool
        self.progress = progress
        self.logger = logger
    }

    /// Called once the first scan is done (recovery ran before the services started).
    func ready() {
        readiness.set()
        doorbell.ring()
    }

    func run() async throws {
        let tick = min(notifier.watchdogInterval ?? .seconds(5), .seconds(5))
        var announced = false
        var lastStatus = ContinuousClock.now - .seconds(60)
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if !announced, readiness.isSet {
                    announced = true
                    notifier.notify("READY=1\nSTATUS=\(await status())\nMAINPID=\(getpid())")
                    logger.info("ready")
                    lastStatus = .now
                }
                if notifier.watchdogInterval != nil {
                    if progress.allAlive() {
                        notifier.notify("WATCHDOG=1")
                    } else {
                        logger.warning("a loop made no progress: the watchdog is not fed")
                    }
                }
                if announced, ContinuousClock.now - lastStatus >= .seconds(5) {
                    notifier.notify("STATUS=\(await status())")
                    lastStatus = .now
                }
                await doorbell.wait(timeout: tick)
            }
        } onGracefulShutdown: {
            self.notifier.notify("STOPPING=1\nSTATUS=stopping: finishing jobs in progress")
            self.doorbell.ring()
        }
    }

    /// One line of job counts, e.g. `queued 3, running 2, stored 120, …`.
    private func status() async -> String {
        let queue = self.queue
        guard let counts = try? await pool.run({ try queue.counts() }) else { return "running" }
        return JobState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    }
}

/// A flag set once, read from any thread.
final class Readiness: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
