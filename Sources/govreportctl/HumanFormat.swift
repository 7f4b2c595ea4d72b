import ControlProtocol
import Foundation
import ReportModel

/// Words and numbers as office staff read them: local times, durations in 时/分/秒, Chinese names of states.
enum HumanFormat {
    /// `2026-11-29 17:05:03` in the local time zone.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// `3天4小时`, `2小时5分`, `4分12秒`, `9秒`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded(.down))
        let days = total / 86_400, hours = total % 86_400 / 3_600, minutes = total % 3_600 / 60, secs = total % 60
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(minutes)分" }
        if minutes > 0 { return "\(minutes)分\(secs)秒" }
        return "\(secs)秒"
    }

    /// The Chinese name of a job state.
    static func stateName(_ state: String) -> String {
        switch state {
        case "queued": "排队"
        case "running": "处理中"
        case "retrying": "等待重试"
        case "stored": "已入库"
        case "duplicate": "重复"
        case "rejected": "拒收"
        case "failed": "失败"
        case "quarantined": "隔离"
        default: state
        }
    }

    /// The Chinese name of a report status (`valid` → 通过).
    static func statusName(_ status: String?) -> String {
        guard let status else { return "-" }
        return ReportStatus(rawValue: status)?.displayName ?? status
    }

    /// 错误 / 警告 / 提示.
    static func severityName(_ severity: Severity) -> String {
        switch severity {
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        }
    }

    /// `-` for a missing value.
    static func optional(_ value: (some CustomStringConvertible)?) -> String {
        value.map(\.description) ?? "-"
    }
}
