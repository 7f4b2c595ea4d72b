import ReportModel
import Testing
@testable import ReportStore

@Suite struct CanonicalColumnTests {
    @Test func everyTemplateCellOnceInPrintedOrder() {
        let names = CanonicalColumn.all.map(\.flatName)
        #expect(Set(names).count == names.count)
        for template in [ReportTemplate.gov2019, .gov2021] {
            let own = CanonicalColumn.of(template).map(\.flatName)
            #expect(Set(own).isSubset(of: Set(names)))
            // each template's own order is kept
            #expect(own == names.filter(Set(own).contains))
        }
        #expect(names.first == "t2.regulations.made")
        #expect(names.contains("t3.denied.state_secret.natural"))
        #expect(names.last == "t4.suit_after_review.total")
        #expect(names.count == 29 + 26 * 7 + 15)
        #expect(CanonicalColumn.all.first { $0.flatName == "t2.fees.amount" }?.valueType == .amount)
    }
}
