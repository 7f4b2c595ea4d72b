/// The number of jobs in each state.
public struct JobCounts: Sendable, Hashable, Codable {
    public var queued = 0
    public var running = 0
    public var retrying = 0
    public var stored = 0
    public var duplicate = 0
    public var rejected = 0
    public var failed = 0
    public var quarantined = 0

    public init() {}

    /// The count of the state named `state`, or nil for an unknown name.
    public subscript(state: String) -> Int? {
        get { Self.keyPaths[state].map { self[keyPath: $0] } }
        set { if let path = Self.keyPaths[state] { self[keyPath: path] = newValue ?? 0 } }
    }

    /// The states in the order people read them, from waiting to finished.
    public static let states = ["queued", "running", "retrying", "stored", "duplicate", "rejected", "failed",
                                "quarantined"]

    nonisolated(unsafe) private static let keyPaths: [String: WritableKeyPath<JobCounts, Int>] = [
        "queued": \.queued, "running": \.running, "retrying": \.retrying, "stored": \.stored,
        "duplicate": \.duplicate, "rejected": \.rejected, "failed": \.failed, "quarantined": \.quarantined,
    ]

    public var total: Int { queued + running + retrying + stored + duplicate + rejected + failed + quarantined }
}
