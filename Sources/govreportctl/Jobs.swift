import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl jobs`: jobs newest first, filtered, one page at a time.
    struct Jobs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List jobs, newest first.",
            discussion: """
                Examples:
                  govreportctl jobs
                  govreportctl jobs --state failed
                  govreportctl jobs --body 昆吾办 --year 2020
                  govreportctl jobs --limit 20 --before 120     (the page after job 120)

                States: queued, running, retrying, stored, duplicate, rejected, failed, quarantined.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Option(help: "Only jobs in this state.")
        var state: String?

        @Option(help: "Only jobs whose report is from this body (issuing organisation).")
        var body: String?

        @Option(help: "Only jobs whose report is for this statistics year.")
        var year: Int?

        @Option(help: "Jobs per page (at most 1000).")
        var limit: Int = 50

        @Option(help: ArgumentHelp("Only jobs with a smaller id: the next page.", valueName: "job"))
        var before: Int64?

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let query = JobsQuery(state: state, body: body, year: year, limit: limit, before: before)
            let page = try options.withClient { try $0.call(.jobs(query), as: JobsResult.self) }
            if options.json {
                try printJSON(page)
            } else {
                print(Self.render(page, palette: .forStandardOutput))
            }
        }

        /// The text for people.
        static func render(_ page: JobsResult, palette: Palette) -> String {
            guard !page.jobs.isEmpty else { return "没有符合条件的任务" }
            var table = TextTable(header: ["任务", "状态", "机关", "年度", "报告", "更新时间", "文件"])
            for job in page.jobs {
                table.append([
                    TextTable.Cell(String(job.id)), TextTable.Cell(job.state, Palette.style(forState: job.state)),
                    TextTable.Cell(job.body ?? "-"), TextTable.Cell(HumanFormat.optional(job.year)),
                    TextTable.Cell(HumanFormat.statusName(job.reportStatus),
                                   job.reportStatus.flatMap(Palette.style(forStatus:))),
                    TextTable.Cell(HumanFormat.time(job.updatedAt)), TextTable.Cell(job.file),
                ])
            }
            var text = table.render(palette)
            if let next = page.nextBefore {
                text += "\n" + palette.apply(.dim, "还有更多：govreportctl jobs --before \(next)")
            }
            return text
        }
    }
}
