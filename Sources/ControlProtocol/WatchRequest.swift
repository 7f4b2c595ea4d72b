/// `watch`: follow the daemon's events, starting after sequence number `after` (nil: only new events).
public struct WatchRequest: Sendable, Hashable, Codable {
    /// The last sequence number the client has seen; the stream starts with the event after it, as far back
    /// as the daemon still keeps events. 0 replays everything kept.
    public var after: UInt64?

    public init(after: UInt64? = nil) {
        self.after = after
    }
}
