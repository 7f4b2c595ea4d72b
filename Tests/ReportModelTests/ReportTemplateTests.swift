import ReportModel
import Testing

@Suite struct ReportTemplateTests {
    @Test func gov2019TableThreeHas161Cells() {
        #expect(ReportTemplate.gov2019.t3.rows.count == 23)
        #expect(ReportTemplate.gov2019.t3.cellCount == 161)
        #expect(ReportTemplate.gov2019.t3OutcomeRows.count == 19)
    }

    @Test func gov2021TableThreeHas175Cells() {
        #expect(ReportTemplate.gov2021.t3.rows.count == 25)
        #expect(ReportTemplate.gov2021.t3.cellCount == 175)
        #expect(ReportTemplate.gov2021.t3OutcomeRows.count == 21)
        #expect(ReportTemplate.gov2021.t3OutcomeRows.first == "granted")
        #expect(ReportTemplate.gov2021.t3OutcomeRows.last == "other_handling.other")
    }

    @Test func tableFourIsFifteenNumbersInBothTemplates() {
        for template in [ReportTemplate.gov2019, .gov2021] {
            #expect(template.t4.cellCount == 15)
            #expect(template.t4.rows.map(\.key) == ["review", "suit_direct", "suit_after_review"])
        }
    }

    @Test func tableTwoKeysFollowTheSpec() {
        #expect(ReportTemplate.gov2019.t2.rows.map(\.key) == ["regulations", "normative_docs", "licensing", "other_services",
                                                             "penalty", "coercion", "fees", "procurement"])
        #expect(ReportTemplate.gov2019.t2.row("procurement")?.columns.map(\.key) == ["count", "amount"])
        #expect(ReportTemplate.gov2019.t2.row("licensing")?.column("delta")?.valueType == .signedCount)
        #expect(ReportTemplate.gov2021.t2.rows.map(\.key) == ["regulations", "normative_docs", "licensing", "penalty",
                                                             "coercion", "fees"])
        #expect(ReportTemplate.gov2021.t2.row("fees")?.columns.map(\.key) == ["amount"])
        #expect(ReportTemplate.named(.legacy) == nil)
    }

    @Test func everyRowKeyIsUniqueAndHasAnAnchor() {
        for template in [ReportTemplate.gov2019, .gov2021] {
            for table in TableID.allCases {
                let rows = template.table(table).rows
                #expect(Set(rows.map(\.key)).count == rows.count)
                #expect(rows.allSatisfy { !$0.anchors.isEmpty })
            }
        }
    }
}
