import ReportModel

/// Where each statistical table lies in the document: its section, or where its labels are when headings are lost.
struct TableRegions {
    let lines: [SourceLine]
    let outline: DocumentOutline
    private var ranges: [TableID: Range<Int>] = [:]

    init(lines: [SourceLine], outline: DocumentOutline) {
        self.lines = lines
        self.outline = outline
        for id in TableID.allCases {
            ranges[id] = outline.range(of: id.section, lineCount: lines.count)
        }
        // Headings lost or unrecognised: fall back to the tables' own labels.
        if ranges[.t3] == nil, let start = firstLine(containing: ["本年新收"], from: 0) {
            let end = firstLine(containing: ["结转下年", "下年度继续"], from: start).map { $0 + 1 } ?? lines.count
            ranges[.t3] = max(0, start - 8)..<end
        }
        if ranges[.t2] == nil, let start = firstLine(containing: ["第二十条", "主动公开政府信息"], from: 0) {
            let end = ranges[.t3]?.lowerBound ?? firstLine(containing: ["本年新收", "收到和处理"], from: start) ?? lines.count
            if end > start { ranges[.t2] = start..<end }
        }
        if ranges[.t4] == nil, let start = firstLine(containing: ["复议后起诉", "直接起诉", "结果维持"],
                                                     from: ranges[.t3]?.upperBound ?? 0) {
            let from = max(start - 4, ranges[.t3]?.upperBound ?? 0)
            let end = outline.headings.first(where: { $0.line > start }).map(\.line) ?? min(lines.count, start + 30)
            ranges[.t4] = from..<end
        }
    }

    func range(of table: TableID) -> Range<Int>? { ranges[table] }

    /// The lines that show which template the tables follow (tables 二 and 三, or everything).
    var templateEvidence: ArraySlice<SourceLine> {
        let parts = [ranges[.t2], ranges[.t3]].compactMap { $0 }
        guard let lo = parts.map(\.lowerBound).min(), let hi = parts.map(\.upperBound).max() else { return lines[...] }
        return lines[lo..<hi]
    }

    private func firstLine(containing keys: [String], from: Int) -> Int? {
        guard from < lines.count else { return nil }
        return lines[from...].firstIndex { line in keys.contains { line.key.containsBytes($0) } }
    }
}
