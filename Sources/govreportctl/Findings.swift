import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl findings accept|dismiss FINGERPRINT`: record a person's decision on a finding.
    struct Findings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept or dismiss a finding of a stored report.",
            discussion: """
                Examples:
                  govreportctl findings accept 3f2a9c0d1e --job 42 --note "已联系该单位更正"
                  govreportctl findings dismiss 3f2a9c0d1e --body 昆吾办 --year 2020 --note "原表如此"

                """ + sharedDiscussion,
            subcommands: [Accept.self, Dismiss.self]
        )

        /// The arguments both decisions take.
        struct DecisionOptions: ParsableArguments {
            @OptionGroup var daemon: DaemonOptions

            @Argument(help: "The finding's fingerprint (from `govreportctl show JOB`).")
            var fingerprint: String

            @Option(help: "Why (kept with the decision).")
            var note: String?

            @Option(help: "The job whose report has the finding.")
            var job: Int64?

            @Option(help: "The report's body (with --year), instead of --job.")
            var body: String?

            @Option(help: "The report's statistics year (with --body).")
            var year: Int?

            func validate() throws {
                if (body == nil) != (year == nil) { throw ValidationError("--body and --year go together") }
                if job != nil && body != nil { throw ValidationError("give --job or --body/--year, not both") }
            }

            /// Sends the decision and prints the result.
            func decide(_ verdict: DecisionRequest.Verdict) throws {
                let request = DecisionRequest(fingerprint: fingerprint, verdict: verdict, note: note, job: job,
                                              body: body, year: year)
                let result = try daemon.withClient { try $0.call(.decide(request), as: DecisionResult.self) }
                if daemon.json {
                    try printJSON(result)
                } else {
                    let word = verdict == .accepted ? "已确认" : "已排除"
                    print("\(word)问题 \(result.fingerprint)（\(result.body) \(result.year) 年，\(result.by)）"
                          + (result.note.map { "：\($0)" } ?? ""))
                }
            }
        }

        static let sharedDiscussion = """
            The report is found by --job, by --body and --year, or — when the fingerprint occurs in only one \
            current report — by the fingerprint alone. The decision holds for every version of that report. \
            Needs the admin group; it is recorded under your user name.

            """ + ExitStatus.helpText

        /// `findings accept`.
        struct Accept: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a finding as right and acknowledged.",
                discussion: """
                    Example:
                      govreportctl findings accept 3f2a9c0d1e --job 42 --note "已联系该单位更正"

                    """ + Findings.sharedDiscussion
            )

            @OptionGroup var options: DecisionOptions

            func run() throws { try options.decide(.accepted) }
        }

        /// `findings dismiss`.
        struct Dismiss: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a finding as not a problem for this report.",
                discussion: """
                    Example:
                      govreportctl findings dismiss 3f2a9c0d1e --body 昆吾办 --year 2020 --note "原表如此"

                    """ + Findings.sharedDiscussion
            )

            @OptionGroup var options: DecisionOptions

            func run() throws { try options.decide(.dismissed) }
        }
    }
}
