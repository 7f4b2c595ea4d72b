public import Logging

/// Log lines to standard error (swift-log's `StreamLogHandler`) at the level the daemon's settings say now,
/// so that a `SIGHUP` changes the level of every logger at once.
public struct DaemonLogHandler: LogHandler {
    private var inner: StreamLogHandler
    private let settings: RuntimeSettings

    public init(label: String, settings: RuntimeSettings) {
        inner = StreamLogHandler.standardError(label: label)
        self.settings = settings
    }

    public var logLevel: Logger.Level {
        get { settings.current.logLevel }
        set {}
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var forwarded = inner
        forwarded.logLevel = .trace
        forwarded.log(event: event)
    }
}
