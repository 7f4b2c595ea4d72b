import ArgumentParser
import ControlProtocol

extension GovReportCtl {
    /// `govreportctl status`: how the daemon is doing, like `systemctl status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's state: version, uptime, inbox, jobs by state, throughput, latest errors.",
            discussion: """
                Examples:
                  govreportctl status
                  govreportctl status --json | jq .jobs.failed
                  govreportctl --socket /run/govreport/govreportd.sock status

                With --json the result is one object; "jobs" holds an integer count for every state \
                (queued, running, retrying, stored, duplicate, rejected, failed, quarantined).

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        func run() throws {
            let status = try options.withClient { try $0.call(.status, as: StatusResult.self) }
            if options.json {
                try printJSON(status)
            } else {
                print(Self.render(status, palette: .forStandardOutput))
            }
        }

        /// The text for people.
        static func render(_ status: StatusResult, palette: Palette) -> String {
            var lines: [String] = []
            let dot = palette.apply(status.intakePaused ? .yellow : .green, "●")
            lines.append("\(dot) govreportd \(status.daemon) — \(status.intakePaused ? "接收已暂停" : "运行中")")
            var facts = TextTable(indent: 2)
            facts.append("进程:", "\(status.pid)")
            facts.append("运行时间:", "\(HumanFormat.duration(status.uptimeSeconds))（自 \(HumanFormat.time(status.startedAt))）")
            facts.append("收件箱:", status.inbox)
            facts.append("数据库:", status.database)
            facts.append([TextTable.Cell("接收新文件:"),
                          status.intakePaused ? TextTable.Cell("已暂停（govreportctl resume 恢复）", .yellow)
                                              : TextTable.Cell("进行中")])
            facts.append("报告:", "当前 \(status.reports.current) 份，共 \(status.reports.all) 个版本")
            facts.append("吞吐（入库）:", status.throughput.map { "\($0.minutes) 分钟 \($0.stored) 份" }
                .joined(separator: " · "))
            facts.append("最早排队:", status.oldestQueuedAgeSeconds.map { "\(HumanFormat.duration($0))前" } ?? "无")
            lines.append(facts.render(palette))
            lines.append("")
            lines.append(palette.apply(.bold, "任务"))
            var jobs = TextTable(indent: 2)
            for state in JobCounts.states {
                let count = status.jobs[state] ?? 0
                let style = count > 0 ? Palette.style(forState: state) : nil
                jobs.append([TextTable.Cell(HumanFormat.stateName(state)), TextTable.Cell(state, .dim),
                             TextTable.Cell(String(count), style)])
            }
            lines.append(jobs.render(palette))
            if !status.latestErrors.isEmpty {
                lines.append("")
                lines.append(palette.apply(.bold, "最近的错误"))
                var errors = TextTable(header: ["任务", "状态", "时间", "文件", "原因"], indent: 2)
                for job in status.latestErrors {
                    errors.append([TextTable.Cell(String(job.id)), TextTable.Cell(job.state, Palette.style(forState: job.state)),
                                   TextTable.Cell(HumanFormat.time(job.updatedAt)), TextTable.Cell(job.file),
                                   TextTable.Cell(job.lastError ?? "-")])
                }
                lines.append(errors.render(palette))
            }
            return lines.joined(separator: "\n")
        }
    }
}
