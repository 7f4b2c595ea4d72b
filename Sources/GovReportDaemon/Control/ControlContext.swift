import Foundation

/// What the control server needs from the rest of the daemon.
public struct ControlContext: Sendable {
    /// The store's SQLite file; the server opens its own connections to it.
    public var databasePath: String
    /// Shown by `status`.
    public var inboxPath: String
    public var startedAt: Date
    public var events: EventLog
    /// Called after `retry` requeued jobs, so that idle workers look for work at once.
    public var wakeWorkers: @Sendable () -> Void

    public init(databasePath: String, inboxPath: String, startedAt: Date = Date(), events: EventLog,
                wakeWorkers: @escaping @Sendable () -> Void = {}) {
        self.databasePath = databasePath
        self.inboxPath = inboxPath
        self.startedAt = startedAt
        self.events = events
        self.wakeWorkers = wakeWorkers
    }
}
