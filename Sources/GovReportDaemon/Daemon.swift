import Foundation
public import Logging
import ReportParsing
import ReportStore
import ControlProtocol
import DocumentConversion
import ServiceLifecycle
import UnixSignals

/// govreportd: the inbox daemon, its parts wired together and run as one group of services.
///
/// Creating it prepares the data (directories, the single-instance lock, the database); ``run()`` rescues jobs
/// orphaned by a crash, then runs the intake, the workers, systemd notification, `SIGHUP` reloading and the
/// control server until `SIGTERM` or `SIGINT`, and drains jobs in progress.
public final class Daemon: Sendable {
    public let configuration: DaemonConfiguration
    /// When this daemon started, for `status`.
    public let startedAt: Date
    /// Events for `watch` clients: the intake and workers publish here.
    public let events: EventLog
    /// The settings a `SIGHUP` reloads.
    public let settings: RuntimeSettings
    /// The queue over the daemon's database (for the control server's commands).
    public let queue: SQLiteJobQueue

    private let configurationFile: String?
    private let dataDirectoryOverride: String?
    private let lock: DataDirectoryLock
    private let logger: Logger
    private let databasePool: BlockingPool
    private let parsePool: BlockingPool
    private let progress = ProgressMonitor()
    private let notifier: SystemdNotifier
    private let runner: JobRunner

    public var databasePath: String { configuration.databasePath }
    public var inboxPath: String { configuration.inboxPath }
    public var socketPath: String { configuration.socketPath }

    /// Wakes idle workers at once (the control server calls it after `retry`).
    public var wakeWorkers: @Sendable () -> Void {
        let runner = self.runner
        return { runner.wake() }
    }

    /// Creates the directories, takes the data directory's lock (refusing if another daemon holds it) and opens
    /// the database.
    public init(configuration: DaemonConfiguration, configurationFile: String? = nil, dataDirectoryOverride: String? = nil,
                settings: RuntimeSettings? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger) throws {
        self.configuration = configuration
        self.configurationFile = configurationFile
        self.dataDirectoryOverride = dataDirectoryOverride
        self.logger = logger
        startedAt = Date()
        events = EventLog()
        self.settings = settings ?? RuntimeSettings(configuration)
        for directory in [configuration.dataDirectory, configuration.inboxPath, configuration.quarantinePath,
                          (configuration.databasePath as NSString).deletingLastPathComponent,
                          (configuration.socketPath as NSString).deletingLastPathComponent] where !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ConfigurationError("cannot create the directory \(directory): \(error.localizedDescription)")
            }
        }
        lock = try DataDirectoryLock(path: configuration.lockPath)
        // A smaller writer cache than the store's default: the daemon commits small batches and has a
        // memory budget (≤ 100 MB with a deep backlog).
        let notifier = SystemdNotifier(environment: environment)
        self.notifier = notifier
        let database = try StoreDatabase(path: configuration.databasePath, fullSync: true, writerCacheKiB: 2 * 1024,
                                         willMigrate: { version in
            // Converting a big file to a new schema can outlast systemd's start timeout; ask for more time.
            logger.notice("upgrading the database to schema version \(version); this can take a while for a big file",
                          metadata: ["database": "\(configuration.databasePath)"])
            notifier.notify("EXTEND_TIMEOUT_USEC=\(Self.migrationAllowance.components.seconds * 1_000_000)\n"
                            + "STATUS=upgrading the database to schema version \(version)")
        })
        queue = SQLiteJobQueue(database: database, retryPolicy: configuration.retryPolicy)
        databasePool = BlockingPool(threads: 2 + configuration.workers)
        // Room for parses abandoned after `job_timeout` (a blocked parse keeps its thread until it ends).
        parsePool = BlockingPool(threads: 2 * configuration.workers)
        runner = JobRunner(workers: configuration.workers, queue: queue, settings: self.settings, events: events,
                           databasePool: databasePool, parsePool: parsePool, progress: progress,
                           converter: Self.converter(for: configuration), drainTimeout: configuration.drainTimeout,
                           logger: logger)
    }

    /// How much longer than its start timeout systemd is asked to wait while a schema migration runs (about 0.4 ms
    /// per stored report version: an hour covers millions).
    static let migrationAllowance: Duration = .seconds(3600)

    /// The converter the workers give the document reader for PDF and legacy Word: the configured tools as
    /// child processes, each run limited to `job_timeout` (a timeout is retried).
    private static func converter(for configuration: DaemonConfiguration) -> any DocumentConverter {
        ProcessConverter(pdftotext: configuration.pdftotext, docConverters: [configuration.antiword, "catdoc"],
                         timeout: configuration.jobTimeout)
    }

    /// The control socket's server, with the configured access groups and limits.
    private func controlServer() -> ControlServer {
        let server = ControlServer.Configuration(
            socketPath: configuration.socketPath, socketMode: configuration.socketMode,
            readGroup: configuration.readGroup.map(AccessGroup.init), adminGroup: configuration.adminGroup.map(AccessGroup.init),
            maxLineBytes: configuration.controlMaxLineBytes, maxConnections: configuration.controlMaxConnections,
            idleTimeout: configuration.controlIdleTimeout)
        let context = ControlContext(databasePath: configuration.databasePath, inboxPath: configuration.inboxPath,
                                     startedAt: startedAt, events: events, wakeWorkers: wakeWorkers)
        return ControlServer(configuration: server, context: context, logger: logger)
    }

    /// Recovers, runs every service until a shutdown signal, and drains. Returns normally after `SIGTERM`.
    public func run() async throws {
        let queue = self.queue
        let rescued = try await databasePool.run { try queue.rescueOrphans() }
        if !rescued.requeued.isEmpty || !rescued.quarantined.isEmpty {
            logger.notice("rescued jobs left running by a crash", metadata: [
                "requeued": "\(rescued.requeued.count)", "quarantined_as_poison": "\(rescued.quarantined.map(\.rawValue))",
            ])
        }
        for id in rescued.quarantined {
            events.publish(.quarantined, job: id.rawValue, state: JobState.quarantined.rawValue,
                           detail: "三次在处理中时守护进程停止，视为有害文件隔离")
        }
        let systemd = SystemdService(notifier: notifier, queue: queue, pool: databasePool, progress: progress, logger: logger)
        let intake = Intake(inbox: configuration.inboxPath, quarantine: configuration.quarantinePath, queue: queue,
                            settings: settings, events: events, pool: databasePool, progress: progress,
                            wakeWorkers: wakeWorkers, onFirstScan: { systemd.ready() }, logger: logger)
        let reload = ReloadService(configurationFile: configurationFile, dataDirectoryOverride: dataDirectoryOverride,
                                   running: configuration, settings: settings, notifier: notifier, events: events,
                                   logger: logger)
        // Shutdown runs in reverse order: the control server stops first, then systemd is told STOPPING=1,
        // then the intake stops taking files, and the workers drain last.
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: runner),
            .init(service: intake),
            .init(service: systemd),
            .init(service: reload),
            // Last, so that it stops first: clients see the socket go before the workers drain.
            .init(service: controlServer()),
        ]
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                              logger: logger)
        group.maximumGracefulShutdownDuration = configuration.drainTimeout + .seconds(5)
        logger.info("govreportd starting", metadata: [
            "inbox": "\(configuration.inboxPath)", "database": "\(configuration.databasePath)",
            "workers": "\(configuration.workers)",
        ])
        // The thread pools are not shut down: a parse abandoned after `job_timeout` may still hold a thread, and
        // the process ends right after this anyway.
        try await ServiceGroup(configuration: group).run()
        logger.info("govreportd stopped")
    }
}
