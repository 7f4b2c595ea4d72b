import Foundation
import ReportModel
import Testing

@Suite struct FindingTests {
    @Test func fingerprintDependsOnRuleAndCanonicalLocationOnly() {
        let a = Finding.error("T3-ROW-SUM", "第一次", at: FindingLocation(table: .t3, row: "new", column: "total", source: "第3行"))
        let b = Finding.warning("T3-ROW-SUM", "第二次", at: FindingLocation(table: .t3, row: "new", column: "total", source: "第9行"))
        let c = Finding.error("T3-ROW-SUM", "x", at: FindingLocation(table: .t3, row: "new", column: "natural"))
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.fingerprint.count == 16)
        // Stable across runs and machines: a fixed value, not Swift's randomly seeded hashing.
        #expect(Fingerprint.fnv1a("") == 0xcbf2_9ce4_8422_2325)
    }

    @Test func statusFollowsTheWorstSeverity() {
        #expect(ReportStatus.from([]) == .valid)
        #expect(ReportStatus.from([.info("X", "x")]) == .valid)
        #expect(ReportStatus.from([.info("X", "x"), .warning("Y", "y")]) == .warnings)
        #expect(ReportStatus.from([.warning("Y", "y"), .error("Z", "z")]) == .invalid)
    }

    @Test func flatNameJoinsTableRowAndColumn() {
        #expect(FindingLocation(table: .t3, row: "denied.state_secret", column: "natural").flatName == "t3.denied.state_secret.natural")
        #expect(FindingLocation(section: .s5).flatName == "s5")
    }
}
