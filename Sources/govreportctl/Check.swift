import ArgumentParser
import Foundation
import ReportModel

extension GovReportCtl {
    /// `govreportctl check FILE… [--json]`: parse and validate files in this process, without the daemon.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check report files and say what is wrong with each.",
            discussion: """
                Examples:
                  govreportctl check 2021年度报告.pdf
                  govreportctl check inbox/*.docx --json | jq '.[] | select(.status == "invalid") | .file'

                Each FILE is read (regular files only, at most 64 MiB), parsed and validated in this \
                process; nothing is stored and no daemon is needed. The format is taken from the content, \
                not the name: text, Word (DOCX), PDF (through pdftotext, from poppler-utils) and Word \
                97–2003 (through antiword or catdoc, when installed). Without --json the result is a short \
                summary per file: body, year, template, status, then the findings grouped by severity \
                (错误 error, 警告 warning, 提示 info).

                Exit codes:
                  0   every file is valid, or has warnings only
                  1   at least one file has errors (status "invalid")
                  2   at least one file was rejected or could not be read (wins over 1)
                  64  usage error (unknown option, no FILE)
                """
        )

        @Flag(help: "Print a JSON array with one report object per file, in input order.")
        var json = false

        @Argument(help: ArgumentHelp("The report files to check.", valueName: "file"))
        var files: [String]

        func run() throws {
            let checker = ReportChecker()
            var reports: [Report] = []
            if json {
                reports = files.map(checker.check(path:))
                print(try Self.encodeJSON(reports))
            } else {
                // Each file's block is printed as soon as it is checked.
                let printer = HumanReport(colors: Terminal.stdoutWantsColor())
                for path in files {
                    let report = checker.check(path: path)
                    print(printer.render(report, path: path))
                    reports.append(report)
                }
                if reports.count > 1 { print(printer.summary(reports)) }
            }
            let code = Self.exitCode(for: reports.map(\.status))
            if code != 0 { throw ExitCode(code) }
        }

        /// The `check --json` text: a pretty-printed array with sorted keys.
        static func encodeJSON(_ reports: [Report]) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(reports), as: UTF8.self)
        }

        /// 2 if any file was rejected or unreadable, else 1 if any is invalid, else 0.
        static func exitCode(for statuses: [ReportStatus]) -> Int32 {
            if statuses.contains(.rejected) { return 2 }
            if statuses.contains(.invalid) { return 1 }
            return 0
        }
    }
}
