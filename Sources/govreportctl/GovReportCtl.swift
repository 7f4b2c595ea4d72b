import ArgumentParser
import Foundation

/// The command-line client of govreport: one subcommand per file in this folder.
@main
struct GovReportCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govreportctl",
        abstract: "Read and check 政府信息公开工作年度报告 (government information disclosure annual reports).",
        discussion: """
            check works offline. The other commands talk to the govreportd daemon over its control socket: \
            `govreportctl --socket PATH COMMAND …` (or `COMMAND --socket PATH`, or GOVREPORT_SOCKET=PATH); by \
            default ./govreport-data/govreportd.sock if it exists, else /run/govreport/govreportd.sock.

            Examples:
              govreportctl check 2021年度报告.pdf
              govreportctl status
              govreportctl jobs --state failed
              govreportctl compare 青丘办
              govreportctl export --format xlsx --year 2021 --output 2021.xlsx
              govreportctl --generate-completion-script bash > /etc/bash_completion.d/govreportctl

            Every command has its own examples: govreportctl help COMMAND.

            """ + ExitStatus.helpText,
        subcommands: [Check.self, Status.self, Jobs.self, Show.self, Retry.self, Export.self, Compare.self, Pause.self,
                      Resume.self,
                      Watch.self, Findings.self]
    )

    /// Runs the command line; a `--socket PATH` before the subcommand applies to it (through GOVREPORT_SOCKET).
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--socket", arguments.count >= 2 {
            setenv("GOVREPORT_SOCKET", arguments[1], 1)
            arguments.removeFirst(2)
        } else if let first = arguments.first, first.hasPrefix("--socket=") {
            setenv("GOVREPORT_SOCKET", String(first.dropFirst("--socket=".count)), 1)
            arguments.removeFirst()
        }
        main(arguments)
    }
}
