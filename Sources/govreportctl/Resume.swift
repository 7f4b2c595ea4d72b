import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl resume`: take new files from the inbox again.
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take new files from the inbox again after `pause`.",
            discussion: """
                Example:
                  govreportctl resume

                Needs the admin group.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        func run() throws {
            let result = try options.withClient { try $0.call(.resume, as: IntakeResult.self) }
            if options.json { try printJSON(result) } else { print("已恢复接收新文件") }
        }
    }
}
