import ArgumentParser

/// The command-line client of govreport: one subcommand per file in this folder.
@main
struct GovReportCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govreportctl",
        abstract: "Read and check 政府信息公开工作年度报告 (government information disclosure annual reports).",
        subcommands: [Check.self, Status.self, Jobs.self, Show.self, Retry.self, Export.self, Pause.self, Resume.self,
                      Watch.self, Findings.self]
    )
}
