import ArgumentParser
import GovReportDaemon

/// The inbox daemon.
@main
struct GovReportD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "govreportd", abstract: "The govreport inbox daemon.",
                                                    version: DaemonVersion.string)

    func run() async throws {}
}
