import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl retry`: put failed, rejected (or, by id, quarantined or stored) jobs back in the queue.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put jobs back in the queue: by id, or every failed or rejected job.",
            discussion: """
                Examples:
                  govreportctl retry 17 18
                  govreportctl retry --failed
                  govreportctl retry --rejected --dry-run     (list what would be retried)

                A stored job given by id is processed again; its new report supersedes the old one. \
                Retrying needs the admin group (a dry run does not).

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Argument(help: ArgumentHelp("Job ids.", valueName: "job"))
        var jobs: [Int64] = []

        @Flag(help: "Every failed job.")
        var failed = false

        @Flag(help: "Every rejected job.")
        var rejected = false

        @Flag(help: "Only list the jobs that would be retried.")
        var dryRun = false

        func validate() throws {
            guard !jobs.isEmpty || failed || rejected else {
                throw ValidationError("give job ids, --failed or --rejected")
            }
        }

        func run() throws {
            let request = RetryRequest(jobs: jobs, failed: failed, rejected: rejected, dryRun: dryRun)
            let result = try options.withClient { try $0.call(.retry(request), as: RetryResult.self) }
            if options.json {
                try printJSON(result)
            } else {
                print(Self.render(result))
            }
        }

        /// The text for people.
        static func render(_ result: RetryResult) -> String {
            guard !result.jobs.isEmpty else { return "没有需要重试的任务" }
            let ids = result.jobs.map(String.init).joined(separator: " ")
            return result.dryRun ? "将重新排队 \(result.jobs.count) 个任务（未执行）：\(ids)"
                : "已重新排队 \(result.jobs.count) 个任务：\(ids)"
        }
    }
}
