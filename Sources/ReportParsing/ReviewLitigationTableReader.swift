import ReportModel

/// Reads table 四 (行政复议、行政诉讼): fifteen numbers in three blocks of five.
enum ReviewLitigationTableReader {
    /// The table; its findings are appended to `findings`.
    static func read(_ lines: [TableLine], findings: inout [Finding]) -> Table {
        let definition = ReviewLitigationTable.definition
        var values = lines.flatMap(\.values)
        let sourceLines = lines.filter { !$0.values.isEmpty }
        // Numbers printed together between two pieces of text form a run (one text block of the extractor).
        var runs: [Int] = []
        var run = 0
        for line in lines {
            if !line.keyRange.isEmpty { run += 1 }
            runs.append(contentsOf: Array(repeating: run, count: line.values.count))
        }
        if values.count == 15, !blocksAddUp(values), let untangled = untangle(values, runs: runs) {
            values = untangled
            findings.append(.info(RuleID.docShapeT4,
                "表四的15个数字在文本中的顺序被打乱（常见于不带版式提取的PDF文本）；已按每组“结果维持+结果纠正+其他结果+尚未审结=总计”还原为：\(values.joined(separator: " "))。",
                at: FindingLocation(section: .s4, table: .t4)))
        }
        var evidence = RowEvidence(rowRange: definition.rows.indices, definitions: definition.rows, values: values, lines: sourceLines.map(\.number),
                                   sourceLines: sourceLines.map(\.sourceScalars))
        // One delimited line (a web or Word table row): its blank cells at either end are blank values.
        if sourceLines.count == 1, let line = sourceLines.first, line.delimited {
            evidence.leadingBlanks = line.leadingBlanks
            evidence.trailingBlanks = line.trailingBlanks
        }
        return placement.place([evidence], findings: &findings)
    }

    /// Built once: slot indexes and identities don't change between reports.
    static let placement = CellPlacement(table: ReviewLitigationTable.definition, identities: identities())

    static func identities() -> [SumIdentity] {
        let placement = CellPlacement(table: ReviewLitigationTable.definition, identities: [])
        return ReviewLitigationTable.definition.rows.map { row in
            SumIdentity(lhs: [placement.slot(row.key, "total")],
                        rhs: ReviewLitigationTable.partColumns.map { placement.slot(row.key, $0) })
        }
    }

    static func numbers(_ values: [String]) -> [Int64]? {
        let n = values.compactMap { CellPlacement.solvingValue(CellReader.read($0)) }
        return n.count == values.count ? n : nil
    }

    static func blocksAddUp(_ values: [String]) -> Bool {
        guard let n = numbers(values), n.count == 15 else { return true }
        return stride(from: 0, to: 15, by: 5).allSatisfy { addsUp(n, Array($0..<($0 + 5))) }
    }

    /// True when the first four of the indexed numbers add up to the fifth.
    static func addsUp(_ n: [Int64], _ block: [Int]) -> Bool {
        let parts: Int64 = n[block[0]] + n[block[1]] + n[block[2]] + n[block[3]]
        return parts == n[block[4]]
    }

    /// Text extracted without layout can interleave the three blocks. Among the ways of splitting the 15 numbers
    /// into three in-order blocks that each add up, the one that keeps every run of numbers printed together inside
    /// one block is taken, if it is the only such way; blocks are ordered by where their totals are printed.
    /// Otherwise nil.
    static func untangle(_ values: [String], runs: [Int]) -> [String]? {
        guard let n = numbers(values) else { return nil }
        var solutions: [[[Int]]] = []
        var used = [Bool](repeating: false, count: 15)
        // Each block is the first unused index plus four later unused indexes, its last one the total.
        func search(_ blocks: [[Int]]) {
            if solutions.count > 64 { return }
            guard let first = used.firstIndex(of: false) else {
                solutions.append(blocks)
                return
            }
            let rest = (first + 1..<15).filter { !used[$0] }
            forEachCombination(rest.count, choose: 4, limit: 2000) { pick in
                let block = [first] + pick.map { rest[$0] }
                guard addsUp(n, block) else { return }
                for i in block { used[i] = true }
                search(blocks + [block])
                for i in block { used[i] = false }
            }
        }
        search([])
        func splitRuns(_ blocks: [[Int]]) -> Int {
            var blockOf = [Int](repeating: 0, count: 15)
            for (b, block) in blocks.enumerated() { for i in block { blockOf[i] = b } }
            var split = Set<Int>()
            for i in 1..<15 where runs.count == 15 && runs[i] == runs[i - 1] && blockOf[i] != blockOf[i - 1] {
                split.insert(runs[i])
            }
            return split.count
        }
        let scored = solutions.map { ($0, splitRuns($0)) }
        guard let fewest = scored.map(\.1).min() else { return nil }
        let best = scored.filter { $0.1 == fewest }
        guard best.count == 1, solutions.count <= 64 else { return nil }
        let ordered = best[0].0.sorted { $0[4] < $1[4] }
        return ordered.flatMap { $0.map { values[$0] } }
    }
}
