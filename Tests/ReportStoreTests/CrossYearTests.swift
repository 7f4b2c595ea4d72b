import Foundation
import ReportModel
import Testing
@testable import ReportStore

/// The store runs the validator's cross-year rules (X-*) against the same body's current report of the year before.
@Suite struct CrossYearTests {
    @Test func carryMismatchIsFoundWhenLastYearsReportIsPresent() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, carriedForward: 3, sectionText: "去年的总体情况。"))
        let current = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021, carriedOver: 5,
                                                           sectionText: "今年另写的内容。"))

        let findings = try store.findings(of: current.id)
        let carry = findings.filter { $0.finding.rule == RuleID.xCarry }
        #expect(carry.count == 2)  // natural and total
        #expect(carry.allSatisfy { $0.crossYear })
        #expect(carry.first?.finding.expected == .integer(3))
        #expect(carry.first?.finding.actual == .integer(5))
        #expect(current.status == .warnings)
    }

    @Test func noCrossYearFindingsWithoutLastYear() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        try store.store(SyntheticReport.make(body: "别的机关", year: 2020, carriedForward: 3))
        let current = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021, carriedOver: 5))
        #expect(try store.findings(of: current.id).isEmpty)
        #expect(current.status == .valid)
    }

    @Test func consistentYearsGiveNoCarryFinding() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, carriedForward: 3, sectionText: "去年。"))
        let current = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021, carriedOver: 3, sectionText: "今年。"))
        #expect(try store.findings(of: current.id).filter { $0.finding.rule == RuleID.xCarry }.isEmpty)
    }

    @Test func lastYearArrivingLaterUpdatesThisYear() throws {
        let dir = try TemporaryDirectory()
        let store = ReportStore(database: try dir.database())
        let current = try store.store(SyntheticReport.make(body: "昆吾办", year: 2021, carriedOver: 5, sectionText: "今年。"))
        #expect(try store.findings(of: current.id).isEmpty)

        try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, carriedForward: 3, sectionText: "去年。"))
        #expect(try store.findings(of: current.id).filter { $0.finding.rule == RuleID.xCarry }.count == 2)
        #expect(try store.storedReport(current.id)?.status == .warnings)

        // A corrected version of last year makes the finding go away again
        try store.store(SyntheticReport.make(body: "昆吾办", year: 2020, carriedForward: 5, sectionText: "去年更正。"))
        #expect(try store.findings(of: current.id).filter { $0.finding.rule == RuleID.xCarry }.isEmpty)
        #expect(try store.storedReport(current.id)?.status == .valid)
    }
}
