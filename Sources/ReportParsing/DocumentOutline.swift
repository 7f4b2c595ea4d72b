import ReportModel

/// The skeleton of a report: title, issuing body, years, date, and where each section starts.
struct DocumentOutline: Sendable {
    var title: String?
    var body: String?
    var titleYear: Int?
    var periodYear: Int?
    var textYear: Int?
    var published: String?
    /// Index into the document's lines of each section heading found, in document order.
    var headings: [(key: SectionKey, line: Int)] = []
    /// Markers of a pre-2019 layout (概述, 依申请公开政府信息情况, 收费及减免情况).
    var legacyMarkers = 0

    /// The statistics year: title first, then the 统计期限, then the text.
    var year: Int? { titleYear ?? periodYear ?? textYear }

    /// The line range of a section's body (after its heading, up to the next heading).
    func range(of key: SectionKey, lineCount: Int) -> Range<Int>? {
        guard let i = headings.firstIndex(where: { $0.key == key }) else { return nil }
        let start = headings[i].line + 1
        let end = i + 1 < headings.count ? headings[i + 1].line : lineCount
        return start..<max(start, end)
    }
}
