import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl pause`: stop taking new files from the inbox (queued jobs still run).
    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop taking new files from the inbox; jobs already queued still run.",
            discussion: """
                Example:
                  govreportctl pause

                The flag is kept in the database, so it survives a restart. Needs the admin group.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        func run() throws {
            let result = try options.withClient { try $0.call(.pause, as: IntakeResult.self) }
            if options.json { try printJSON(result) } else { print("已暂停接收新文件（govreportctl resume 恢复）") }
        }
    }
}
