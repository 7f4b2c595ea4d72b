import Foundation
import ReportModel
import Testing
@testable import ReportStore

@Suite struct DecisionTests {
    static func withFinding(_ file: String) -> Report {
        var report = SyntheticReport.make(body: "昆吾办", year: 2020, file: file)
        report.findings = [.warning(RuleID.txtSec5Empty, "第五部分内容为“无”", at: FindingLocation(section: .s5))]
        report.status = .warnings
        return report
    }

    @Test func decisionsSurviveReprocessing() throws {
        let dir = try TemporaryDirectory()
        let database = try dir.database()
        let store = ReportStore(database: database)
        let first = try store.store(Self.withFinding("v1.txt"))
        let fingerprint = try #require(try store.findings(of: first.id).first).finding.fingerprint

        // A person dismisses the finding on version 1
        try store.decide(.dismissed, fingerprint: fingerprint, onReport: first.id, by: "王科员", note: "确无问题")

        // A new version of the report carries the same finding, and shows the decision
        let second = try store.store(Self.withFinding("v2.txt"))
        let finding = try #require(try store.findings(of: second.id).first)
        #expect(finding.finding.fingerprint == fingerprint)
        #expect(finding.decision?.verdict == .dismissed)
        #expect(finding.decision?.decidedBy == "王科员")
        #expect(finding.decision?.note == "确无问题")
        #expect(try Self.openFindings(database) == 0)

        // Accepting replaces the decision; clearing makes it open again
        try store.decide(.accepted, fingerprint: fingerprint, body: "昆吾办", year: 2020, by: "李处长")
        #expect(try store.decision(fingerprint: fingerprint, body: "昆吾办", year: 2020)?.verdict == .accepted)
        #expect(try Self.openFindings(database) == 1)
        try store.clearDecision(fingerprint: fingerprint, body: "昆吾办", year: 2020)
        #expect(try store.findings(of: second.id).first?.decision == nil)
    }

    @Test func decisionsAreKeptPerBodyAndYear() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let report = try store.store(Self.withFinding("a.txt"))
        let fingerprint = try #require(try store.findings(of: report.id).first).finding.fingerprint
        try store.decide(.dismissed, fingerprint: fingerprint, body: "昆吾办", year: 2019, by: "王科员")
        #expect(try store.findings(of: report.id).first?.decision == nil)
    }

    @Test func aReportWithoutBodyAndYearCannotTakeDecisions() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let report = try store.store(Report(file: "x.bin", status: .rejected))
        #expect(throws: StoreError.reportWithoutBodyAndYear(report.id)) {
            try store.decide(.dismissed, fingerprint: "f", onReport: report.id, by: "王科员")
        }
    }

    /// Rows in the `open_findings` view.
    static func openFindings(_ database: StoreDatabase) throws -> Int64? {
        try database.read { try $0.scalarInt("SELECT count(*) FROM open_findings") }
    }
}
