import Foundation
public import Logging

/// The settings a `SIGHUP` reloads while the daemon runs; everything reads them here, so a reload takes effect
/// at the next scan, batch or job.
public final class RuntimeSettings: @unchecked Sendable {
    /// The reloadable part of the configuration.
    public struct Values: Sendable, Hashable {
        public var logLevel: Logger.Level
        public var maxFileSize: Int
        public var settle: Duration
        public var scanInterval: Duration
        public var jobTimeout: Duration
        public var queueHighWater: Int

        public init(_ configuration: DaemonConfiguration) {
            logLevel = configuration.logLevel
            maxFileSize = configuration.maxFileSize
            settle = configuration.settle
            scanInterval = configuration.scanInterval
            jobTimeout = configuration.jobTimeout
            queueHighWater = configuration.queueHighWater
        }
    }

    private let lock = NSLock()
    private var values: Values

    public init(_ configuration: DaemonConfiguration) {
        values = Values(configuration)
    }

    public var current: Values { lock.withLock { values } }

    /// Takes the reloadable settings of `configuration`.
    public func update(from configuration: DaemonConfiguration) {
        lock.withLock { values = Values(configuration) }
    }
}
