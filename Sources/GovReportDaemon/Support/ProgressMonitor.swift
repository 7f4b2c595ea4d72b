import Foundation

/// Heartbeats of the daemon's loops (intake, workers): each loop beats every time it goes round and says
/// when it will beat again at the latest; the watchdog is only fed while no loop is overdue.
final class ProgressMonitor: @unchecked Sendable {
    /// A loop that beats.
    enum Loop: Hashable, Sendable { case intake, workers }

    private let lock = NSLock()
    private var deadlines: [Loop: ContinuousClock.Instant] = [:]

    /// The loop is alive now and will beat again within `window` (a wait, or a bounded job).
    func beat(_ loop: Loop, nextWithin window: Duration = .seconds(10)) {
        let deadline = ContinuousClock.now + window
        lock.withLock { deadlines[loop] = max(deadlines[loop] ?? deadline, deadline) }
    }

    /// True when every loop has beaten and none is overdue.
    func allAlive() -> Bool {
        let now = ContinuousClock.now
        return lock.withLock { [Loop.intake, .workers].allSatisfy { deadlines[$0].map { now <= $0 } ?? false } }
    }
}
