/// `watch`: the `ok` before the events.
public struct WatchStart: Sendable, Hashable, Codable {
    /// The oldest sequence number the daemon still keeps (nil before the first event). A client that asked to
    /// resume after an older number has missed the events in between.
    public var oldest: UInt64?
    /// The newest sequence number so far (0 before the first event).
    public var latest: UInt64

    public init(oldest: UInt64?, latest: UInt64) {
        self.oldest = oldest
        self.latest = latest
    }
}
