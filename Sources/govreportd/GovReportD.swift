import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GovReportDaemon
import Logging

/// The inbox daemon.
@main
struct GovReportD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govreportd",
        abstract: "The govreport inbox daemon: reads, validates and stores the reports dropped into its inbox.",
        discussion: "Without --config it runs on embedded defaults under ./govreport-data. See docs/configuration.md.",
        version: DaemonVersion.string)

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("Keep everything under this directory (inbox, database, quarantine, socket).",
                               valueName: "dir"))
    var dataDirectory: String?

    @Flag(name: .customLong("check-config"), help: "Check the configuration, print \"configuration OK\" or the error, and exit.")
    var checkConfig = false

    func run() async throws {
        var configuration: DaemonConfiguration
        do {
            configuration = try config.map { try DaemonConfiguration.load(file: $0) } ?? DaemonConfiguration()
        } catch {
            FileHandle.standardError.write(Data("govreportd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if let dataDirectory { configuration.useDataDirectory(dataDirectory) }
        if checkConfig {
            print("configuration OK")
            return
        }
        // Two malloc arenas per core (at most eight) instead of eight per core: the daemon's many pool threads
        // otherwise each keep freed memory of their own, while fewer arenas than parse threads make them wait
        // for each other's allocations.
        limitMallocArenas(to: Int32(min(8, 2 * max(1, ProcessInfo.processInfo.activeProcessorCount))))
        // A SIGHUP before the reload service listens must not end the daemon.
        signal(SIGHUP, SIG_IGN)
        let settings = RuntimeSettings(configuration)
        LoggingSystem.bootstrap { DaemonLogHandler(label: $0, settings: settings) }
        let logger = Logger(label: "govreportd")
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, configurationFile: config,
                                dataDirectoryOverride: dataDirectory, settings: settings, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("govreportd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        do {
            try await daemon.run()
        } catch {
            logger.critical("stopping on a fatal error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `mallopt(M_ARENA_MAX, count)`; Swift does not import `<malloc.h>`, so the function is looked up by name.
private func limitMallocArenas(to count: Int32) {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let mArenaMax: Int32 = -8
    guard let symbol = dlsym(nil, "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: Mallopt.self)(mArenaMax, count)
}
