import ArgumentParser
import ControlProtocol
import ReportModel

extension GovReportCtl {
    /// `govreportctl show JOB`: one job, its history, its report and the report's findings.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a job: its history, its report's summary, the findings with locations and decisions.",
            discussion: """
                Examples:
                  govreportctl show 42
                  govreportctl show 42 --json

                A finding's fingerprint is what `govreportctl findings accept|dismiss` takes.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Argument(help: "The job id.")
        var job: Int64

        func run() throws {
            let result = try options.withClient { try $0.call(.show(ShowRequest(job: job)), as: ShowResult.self) }
            if options.json {
                try printJSON(result)
            } else {
                print(Self.render(result, palette: .forStandardOutput))
            }
        }

        /// The text for people.
        static func render(_ result: ShowResult, palette: Palette) -> String {
            let job = result.job
            var lines = [palette.apply(.bold, "任务 \(job.id)") + "  "
                         + palette.apply(Palette.style(forState: job.state) ?? .bold, job.state) + "  " + job.file]
            var facts = TextTable(indent: 2)
            facts.append("SHA-256:", job.sha256)
            facts.append("尝试次数:", String(job.attempts))
            facts.append("创建:", HumanFormat.time(job.createdAt))
            facts.append("更新:", HumanFormat.time(job.updatedAt))
            if let duplicate = job.duplicateOf { facts.append("重复于:", "任务 \(duplicate)") }
            if let error = job.lastError { facts.append([TextTable.Cell("最后错误:"), TextTable.Cell(error, .red)]) }
            lines.append(facts.render(palette))

            lines.append("")
            lines.append(palette.apply(.bold, "历史"))
            var history = TextTable(indent: 2)
            for entry in result.history {
                history.append(HumanFormat.time(entry.at), "\(entry.from ?? "新建") → \(entry.to)", entry.note ?? "")
            }
            lines.append(history.render(palette))

            guard let report = result.report else {
                lines.append("")
                lines.append("没有报告")
                return lines.joined(separator: "\n")
            }
            lines.append("")
            lines.append(palette.apply(.bold, "报告 \(report.id)") + "（第 \(report.version) 版，"
                         + (report.isCurrent ? "当前版本" : "已被新版本取代") + "）")
            var summary = TextTable(indent: 2)
            summary.append("机关:", report.body ?? "-")
            summary.append("年度:", HumanFormat.optional(report.year))
            summary.append("模板:", report.template ?? "-")
            summary.append([TextTable.Cell("状态:"),
                            TextTable.Cell("\(report.status.displayName)（\(report.status.rawValue)）",
                                           Palette.style(forStatus: report.status.rawValue))])
            if let title = report.title { summary.append("标题:", title) }
            summary.append("问题:", "错误 \(report.errors) · 警告 \(report.warnings) · 提示 \(report.infos)")
            summary.append("入库:", HumanFormat.time(report.storedAt))
            lines.append(summary.render(palette))

            if !result.findings.isEmpty {
                lines.append("")
                lines.append(palette.apply(.bold, "问题"))
                var findings = TextTable(header: ["级别", "规则", "位置", "指纹", "决定", "说明"], indent: 2)
                for finding in result.findings {
                    let style: Palette.Style = switch finding.severity {
                    case .error: .red
                    case .warning: .yellow
                    case .info: .blue
                    }
                    let decision = finding.decision.map {
                        ($0.verdict == .accepted ? "已确认" : "已排除") + "（\($0.by)）"
                    } ?? "-"
                    let place = finding.location.flatName
                    findings.append([TextTable.Cell(HumanFormat.severityName(finding.severity), style),
                                     TextTable.Cell(finding.rule), TextTable.Cell(place.isEmpty ? "-" : place),
                                     TextTable.Cell(finding.fingerprint, .dim), TextTable.Cell(decision),
                                     TextTable.Cell(finding.message)])
                }
                lines.append(findings.render(palette))
            }
            return lines.joined(separator: "\n")
        }
    }
}
