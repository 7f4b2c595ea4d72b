/// How many jobs reached `stored` in the last `minutes` minutes.
public struct ThroughputWindow: Sendable, Hashable, Codable {
    public var minutes: Int
    public var stored: Int

    public init(minutes: Int, stored: Int) {
        self.minutes = minutes
        self.stored = stored
    }

    /// Stored jobs per minute over the window.
    public var perMinute: Double { minutes > 0 ? Double(stored) / Double(minutes) : 0 }
}
