import ReportModel

/// The `check` output for a person: a header per file, then its findings grouped by severity.
///
/// ```
/// kunwu-2020.txt  有错误
///   单位 昆吾办 · 年度 2020 · 模板 gov2019
///   错误 1 · 警告 0 · 提示 0
///   错误
///     DOC-SHAPE-T4  表四（行政复议、行政诉讼）  表四应有 15 个数，只找到 14 个
/// ```
struct HumanReport {
    /// Whether to use ANSI colours (only on a terminal).
    var colors: Bool

    /// The block for one file; it ends with a newline, so printed blocks are separated by a blank line.
    func render(_ report: Report, path: String) -> String {
        var lines: [String] = []
        lines.append(bold(path) + "  " + paint(report.status.displayName, statusColor(report.status)))
        if report.body != nil || report.year != nil || report.template != nil {
            lines.append("  " + [
                "单位 " + (report.body ?? "不详"),
                "年度 " + (report.year.map(String.init) ?? "不详"),
                "模板 " + (report.template?.rawValue ?? "不详"),
            ].joined(separator: " · "))
        }

        let groups = Severity.allCases.map { severity in (severity, report.findings.filter { $0.severity == severity }) }
        lines.append("  " + groups.map { "\($0.0.displayName) \($0.1.count)" }.joined(separator: " · "))

        let all = groups.flatMap(\.1)
        let ruleWidth = all.map(\.rule.displayWidth).max() ?? 0
        let locationWidth = min(all.map { Self.location($0.location).displayWidth }.max() ?? 0, Self.maxLocationWidth)
        for (severity, findings) in groups where !findings.isEmpty {
            lines.append("  " + paint(severity.displayName, severityColor(severity)))
            for finding in findings {
                let location = Self.location(finding.location).padded(to: locationWidth)
                lines.append("    " + dim(finding.rule.padded(to: ruleWidth)) + "  " + location + "  " + finding.message)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One closing line for several files: how many have each status.
    func summary(_ reports: [Report]) -> String {
        let counts = ReportStatus.allCases.map { status in
            "\(status.displayName) \(reports.filter { $0.status == status }.count)"
        }
        return "共 \(reports.count) 个文件：" + counts.joined(separator: " · ")
    }

    /// Where a finding applies, in words: the table and its row and column keys, or the section's heading.
    static func location(_ location: FindingLocation) -> String {
        if let table = location.table {
            var words = [table.displayName]
            if let row = location.row { words.append("行 " + row) }
            if let column = location.column { words.append("列 " + column) }
            return words.joined(separator: " ")
        }
        if let section = location.section { return section.officialHeading }
        return "全文"
    }

    /// Wide enough for every table, row and column of both templates; a longer location (a section's
    /// heading never is) does not push every other message to the right.
    static let maxLocationWidth = 64

    // MARK: Colours

    private enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36"
    }

    private func statusColor(_ status: ReportStatus) -> Color {
        switch status {
        case .valid: .green
        case .warnings: .yellow
        case .invalid, .rejected: .red
        }
    }

    private func severityColor(_ severity: Severity) -> Color {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        }
    }

    private func paint(_ text: String, _ color: Color) -> String {
        colors ? "\u{1B}[1;\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func dim(_ text: String) -> String {
        colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}
