import Foundation
import ReportModel
@testable import ReportStore
import Testing

/// `forEachCurrentReportWithFindings`: the export's stream of current reports with their tables and findings.
@Suite("Current reports with findings")
struct CurrentReportFindingsTests {
    @Test("each current report comes with its own findings, as findings(of:) lists them, and only current ones")
    func reportsWithFindings() throws {
        let directory = try TemporaryDirectory()
        let store = ReportStore(database: try directory.database())
        var first = SyntheticReport.make(body: "甲", year: 2020)
        first.findings = [.warning(RuleID.txtSec5Empty, "第五部分内容为“无”", at: FindingLocation(section: .s5))]
        _ = try store.store(first)
        let replaced = SyntheticReport.make(body: "甲", year: 2020, new: 20)
        let current = try store.store(replaced)
        var other = SyntheticReport.make(body: "乙", year: 2021)
        other.findings = [.warning(RuleID.txtSec5Empty, "第五部分内容为“无”", at: FindingLocation(section: .s5))]
        let otherStored = try store.store(other)

        var seen: [(StoredReport, [TableID: Table], [StoredFinding])] = []
        try store.forEachCurrentReportWithFindings { seen.append(($0, $1, $2)) }
        #expect(seen.map(\.0.id) == [otherStored.id, current.id])
        #expect(seen.map { $0.2 } == [try store.findings(of: otherStored.id), try store.findings(of: current.id)])
        #expect(seen[0].2.contains { $0.finding.rule == RuleID.txtSec5Empty })
        #expect(!seen[1].2.contains { $0.finding.rule == RuleID.txtSec5Empty && $0.finding.message.contains("无") },
                "the replaced version's finding is not the current one's")
        #expect(seen[1].1[.t3]?.value("new", "total") == .integer(20))
        var filtered = 0
        try store.forEachCurrentReportWithFindings(matching: ReportFilter(body: "乙")) { _, _, _ in filtered += 1 }
        #expect(filtered == 1)
    }
}
