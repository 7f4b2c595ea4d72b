/// Where a job is in its life. Each state names a place, as in postfix's queues:
///
/// - `queued`: accepted and durable, waiting for a worker.
/// - `running`: claimed by a worker. Found at start-up, it was orphaned by a crash and is rescued.
/// - `stored`: its report is in the store (the report's own status says valid / warnings / invalid). `retry`
///   by id processes the document again; the new report supersedes the old one.
/// - `retrying`: failed with a transient error; waits until `nextAttemptAt`, then runs again.
/// - `failed`: gave up after too many transient failures. `retry` requeues it.
/// - `rejected`: permanent: not a report, undecodable, or a legacy layout without tables. `retry` requeues it
///   (for example after a parser upgrade).
/// - `duplicate`: the same bytes as an earlier document; points at the first job. Never runs.
/// - `quarantined`: poison: it was running when the daemon died three times. Only `retry` by id requeues it.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running, stored, retrying, failed, rejected, duplicate, quarantined

    /// States a worker can claim from.
    public var isClaimable: Bool { self == .queued || self == .retrying }

    /// States `prune` may delete once old enough (quarantined jobs wait for a person).
    public var isPrunable: Bool {
        switch self {
        case .stored, .failed, .rejected, .duplicate: true
        case .queued, .running, .retrying, .quarantined: false
        }
    }
}
