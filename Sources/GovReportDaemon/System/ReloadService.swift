import ControlProtocol
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads on `SIGHUP`: reads the configuration file again and applies what can change while running
/// (log level, size limit, settle period, scan interval, job time limit, queue high-water mark). Paths,
/// workers, socket settings and the retry policy need a restart; a change to them is logged and ignored.
/// systemd is told `RELOADING=1` with `MONOTONIC_USEC=` and then `READY=1`. A bad file keeps the old settings.
final class ReloadService: Service {
    private let configurationFile: String?
    private let dataDirectoryOverride: String?
    private let running: DaemonConfiguration
    private let settings: RuntimeSettings
    private let notifier: SystemdNotifier
    private let events: EventLog
    private let logger: Logger

    init(configurationFile: String?, dataDirectoryOverride: String?, running: DaemonConfiguration,
         settings: RuntimeSettings, notifier: SystemdNotifier, events: EventLog, logger: Logger) {
        self.configurationFile = configurationFile
        self.dataDirectoryOverride = dataDirectoryOverride
        self.running = running
        self.settings = settings
        self.notifier = notifier
        self.events = events
        self.logger = logger
    }

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            reload()
        }
    }

    private func reload() {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds())")
        defer { notifier.notify("READY=1") }
        guard let configurationFile else {
            logger.notice("SIGHUP: no configuration file; nothing to reload")
            events.publish(.reloaded, detail: "没有配置文件")
            return
        }
        do {
            var configuration = try DaemonConfiguration.load(file: configurationFile)
            if let dataDirectoryOverride { configuration.useDataDirectory(dataDirectoryOverride) }
            var restartOnly = configuration
            restartOnly.logLevel = running.logLevel
            restartOnly.maxFileSize = running.maxFileSize
            restartOnly.settle = running.settle
            restartOnly.scanInterval = running.scanInterval
            restartOnly.jobTimeout = running.jobTimeout
            restartOnly.queueHighWater = running.queueHighWater
            if restartOnly != running {
                logger.warning("SIGHUP: paths, workers, socket, converter and retry settings change only on restart")
            }
            settings.update(from: configuration)
            logger.notice("configuration reloaded", metadata: ["file": "\(configurationFile)",
                                                               "log_level": "\(configuration.logLevel)"])
            events.publish(.reloaded, detail: "已重新读取配置")
        } catch {
            logger.error("SIGHUP: configuration not reloaded: \(error)")
            events.publish(.reloaded, detail: "配置有误，未重新读取：\(error)")
        }
    }
}
