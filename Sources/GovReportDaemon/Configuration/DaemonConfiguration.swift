import Foundation
public import Logging
public import ReportStore

/// Everything `govreportd` can be told, with the embedded defaults of a quick start under `./govreport-data`.
///
/// Paths left nil are derived from ``dataDirectory`` (see ``inboxPath`` and friends). `docs/configuration.md`
/// describes every setting and which of them a `SIGHUP` reloads.
public struct DaemonConfiguration: Sendable, Hashable {
    public var dataDirectory = "./govreport-data"
    public var inbox: String?
    public var database: String?
    public var quarantine: String?
    public var socket: String?
    /// The control socket's file mode.
    public var socketMode: UInt32 = 0o660
    /// The group allowed to read (status, jobs, show, export, watch); nil: the daemon's own group.
    public var readGroup: String?
    /// The group allowed to change state (retry, pause, resume, decisions); root always is.
    public var adminGroup: String?
    /// A control request line longer than this is refused and its connection closed.
    public var controlMaxLineBytes = 1 << 20
    /// Control connections beyond this many are refused.
    public var controlMaxConnections = 256
    /// A control connection idle this long is closed (a running `watch` or export is not idle).
    public var controlIdleTimeout: Duration = .seconds(300)
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Files larger than this are quarantined unread.
    public var maxFileSize = 50 * 1024 * 1024
    /// How long a file seen without a close event must stay unchanged before it is read.
    public var settle: Duration = .seconds(2)
    /// Time between full scans of the inbox (inotify covers the time in between).
    public var scanInterval: Duration = .seconds(60)
    /// The longest one parse may take; a parse that takes longer fails transiently and is retried.
    public var jobTimeout: Duration = .seconds(60)
    public var retryMaxAttempts = 5
    public var retryBaseDelay: Duration = .seconds(5)
    public var retryMaxDelay: Duration = .seconds(600)
    /// How long a shutdown waits for jobs in progress.
    public var drainTimeout: Duration = .seconds(10)
    /// Above this many queued jobs the intake stops reading new files; it resumes below half of it.
    public var queueHighWater = 20_000
    public var pdftotext = "pdftotext"
    public var antiword = "antiword"
    public var logLevel: Logger.Level = .info

    public init() {}

    public var inboxPath: String { inbox ?? join(dataDirectory, "inbox") }
    public var databasePath: String { database ?? join(dataDirectory, "govreport.sqlite") }
    public var quarantinePath: String { quarantine ?? join(dataDirectory, "quarantine") }
    public var socketPath: String { socket ?? join(dataDirectory, "govreportd.sock") }
    /// The lock file that keeps a second daemon off the same data.
    public var lockPath: String { join(dataDirectory, "govreportd.lock") }

    /// The queue's retry policy from the `retry.*` settings (half of each wait random).
    public var retryPolicy: RetryPolicy {
        .exponentialJitter(maxAttempts: retryMaxAttempts, baseDelay: retryBaseDelay, maxDelay: retryMaxDelay)
    }

    /// Moves every derived path under `directory` (`--data-dir`): inbox, database, quarantine and socket
    /// set in a file are dropped, so that `DIR/inbox` and `DIR/govreportd.sock` are where they are expected.
    public mutating func useDataDirectory(_ directory: String) {
        dataDirectory = directory
        inbox = nil
        database = nil
        quarantine = nil
        socket = nil
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}


extension DaemonConfiguration {
    /// The configuration in `file` on top of the embedded defaults.
    public static func load(file: String) throws(ConfigurationError) -> DaemonConfiguration {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, "the configuration file is not UTF-8 text")
        }
        return try ConfigurationParser().parse(text, file: file)
    }
}
