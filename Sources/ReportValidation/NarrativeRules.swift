import ReportModel

/// The text against the tables, and the text on its own: TXT-NEW, TXT-CARRY, TXT-CONTRADICTION,
/// TXT-SEC5-EMPTY, TXT-SEC6-FEE.
///
/// The comparisons read sections 一 and 三 with `NarrativeReader` and only speak when the text is clear: a
/// number the text states in two different ways, or a phrase that could mean something else, says nothing.
struct NarrativeRules: Rule {
    /// Section 五 with fewer CJK characters than this says nothing about problems and improvements.
    static let minimumSection5 = 15
    /// Words in section 六 that show it reports on the 信息处理费.
    static let feeWords = ["处理费", "收费", "收取"].map(NarrativeText.phrase)
    /// The sections whose text states how many applications there were.
    static let countSections: [SectionKey] = [.s1, .s3]

    func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard context.readsTables else { return }
        let report = context.report
        if let grid = context.t3 {
            let texts = Self.countSections.compactMap { key in
                report.sections[key].map { (key, NarrativeReader(NarrativeText($0.text))) }
            }
            checkNew(grid, texts, into: &findings)
            checkCarry(grid, texts, into: &findings)
            checkAllHandled(grid, texts, into: &findings)
        }
        checkSection5(report, into: &findings)
        checkSection6(report, into: &findings)
    }

    /// TXT-NEW: the number of new applications the text states ≠ t3 new.total.
    ///
    /// A text that counts the carried-over applications in (new + carried_over) is not contradicted.
    private func checkNew(_ grid: TableGrid, _ texts: [(SectionKey, NarrativeReader)], into findings: inout [Finding]) {
        guard let r = grid.rowIndex("new"), let c = grid.columnIndex("total", row: r),
              let total = Operand(grid[r, c]).asTotal,
              let (section, claim) = Self.agreed(texts.map { ($0, $1.newApplications()) })
        else { return }
        let stated = Double(claim.value)
        if Operand.same(stated, total) { return }
        if let carriedOver = Operand(grid.facts("carried_over", "total")).asPart, Operand.same(stated, total + carriedOver) {
            return
        }
        let said = claim.value == 0 ? "未收到政府信息公开申请" : "收到政府信息公开申请\(claim.value)件"
        findings.append(.warning(
            RuleID.txtNew,
            "\(Wording.section(section))说\(said)（“\(claim.quote)”），而\(Wording.table(grid.id))\(grid.rowName(r))总计为\(Wording.number(total))，两者不等。",
            at: grid.location(row: r, column: c).in(section, source: claim.quote),
            expected: .of(total), actual: .integer(claim.value)))
    }

    /// TXT-CARRY: the number carried to next year the text states ≠ t3 carried_forward.total.
    private func checkCarry(_ grid: TableGrid, _ texts: [(SectionKey, NarrativeReader)], into findings: inout [Finding]) {
        guard let r = grid.rowIndex("carried_forward"), let c = grid.columnIndex("total", row: r),
              let total = Operand(grid[r, c]).asTotal,
              let (section, claim) = Self.agreed(texts.map { ($0, $1.carriedForward()) }),
              !Operand.same(Double(claim.value), total)
        else { return }
        findings.append(.warning(
            RuleID.txtCarry,
            "\(Wording.section(section))说结转下年度\(claim.value)件（“\(claim.quote)”），而\(Wording.table(grid.id))\(grid.rowName(r))总计为\(Wording.number(total))，两者不等。",
            at: grid.location(row: r, column: c).in(section, source: claim.quote),
            expected: .of(total), actual: .integer(claim.value)))
    }

    /// TXT-CONTRADICTION: the text says every application was dealt with, t3 carries some to next year.
    private func checkAllHandled(_ grid: TableGrid, _ texts: [(SectionKey, NarrativeReader)],
                                 into findings: inout [Finding]) {
        guard let r = grid.rowIndex("carried_forward"), let c = grid.columnIndex("total", row: r),
              let total = Operand(grid[r, c]).asTotal, total > 0 else { return }
        for (section, text) in texts {
            guard let quote = text.allHandled() else { continue }
            findings.append(.warning(
                RuleID.txtContradiction,
                "\(Wording.section(section))说申请已全部办结（“\(quote)”），但\(Wording.table(grid.id))\(grid.rowName(r))总计为\(Wording.number(total))，仍有申请结转下年度办理。",
                at: grid.location(row: r, column: c).in(section, source: quote),
                expected: .integer(0), actual: .of(total)))
            return
        }
    }

    /// TXT-SEC5-EMPTY: section 五 is "无" or nearly empty.
    private func checkSection5(_ report: Report, into findings: inout [Finding]) {
        guard let section = report.sections[.s5],
              !NarrativeText.hasCJK(atLeast: Self.minimumSection5, in: section.text) else { return }
        let text = NarrativeText(section.text)
        guard text.cjkCount < Self.minimumSection5 else { return }
        let shown = text.count == 0 ? "是空的" : "只有“\(text.text(0..<min(text.count, 30)))”"
        findings.append(.warning(
            RuleID.txtSec5Empty,
            "\(Wording.section(.s5))\(shown)，没有写明存在的主要问题和改进措施。",
            at: FindingLocation(section: .s5)))
    }

    /// TXT-SEC6-FEE: from the 2021 layout (or report year 2021) on, section 六 reports the 信息处理费.
    private func checkSection6(_ report: Report, into findings: inout [Finding]) {
        guard report.template == .gov2021 || (report.year ?? 0) >= 2021, let section = report.sections[.s6]
        else { return }
        let text = NarrativeText(section.text)
        guard !text.contains(any: Self.feeWords, in: 0..<text.count) else { return }
        findings.append(.info(
            RuleID.txtSec6Fee,
            "\(Wording.section(.s6))没有说明信息处理费的收取情况（国办公开办函〔2021〕30号要求在此报告）。",
            at: FindingLocation(section: .s6)))
    }

    /// The one claim all sections agree on (the first one found), or nil when there is none or they differ.
    static func agreed(_ found: [(SectionKey, [NarrativeReader.Claim])]) -> (SectionKey, NarrativeReader.Claim)? {
        var first: (SectionKey, NarrativeReader.Claim)?
        for (section, claims) in found {
            for claim in claims {
                if let first {
                    if first.1.value != claim.value { return nil }
                } else {
                    first = (section, claim)
                }
            }
        }
        return first
    }
}

extension FindingLocation {
    /// The same location, placed in the section whose text it quotes.
    fileprivate func `in`(_ section: SectionKey, source: String) -> FindingLocation {
        var location = self
        location.section = section
        location.source = source
        return location
    }
}
