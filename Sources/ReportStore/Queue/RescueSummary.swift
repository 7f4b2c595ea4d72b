/// What start-up found running (orphaned by a crash) and did with it.
public struct RescueSummary: Sendable, Hashable {
    /// Back to `queued`.
    public var requeued: [JobID]
    /// Moved to `quarantined`: the job's document crashed the daemon too often. The daemon should move
    /// or report it; it stays in the store until a person retries it by id.
    public var quarantined: [JobID]

    public init(requeued: [JobID] = [], quarantined: [JobID] = []) {
        self.requeued = requeued
        self.quarantined = quarantined
    }
}
