import ReportModel

/// Reads table 二 (主动公开政府信息情况): rows by their labels, rows a province added kept as `extra.<n>`.
enum ProactiveTableReader {
    /// The table; its findings are appended to `findings`.
    static func read(_ lines: [TableLine], keys: [Unicode.Scalar], definition: TableDefinition,
                     template: TemplateID, findings: inout [Finding]) -> Table {
        let matcher = template == .gov2019 ? gov2019Rows : gov2021Rows
        let (templateLines, extras) = separateExtraRows(lines, keys: keys, matcher: matcher)
        let evidence = matcher.match(templateLines, keys: keys)
        let skeleton = template == .gov2019 ? gov2019Skeleton : gov2021Skeleton
        var cells = [Cell?](repeating: nil, count: skeleton.slotCount)
        for e in evidence {
            let lo = skeleton.rowStart[e.rowRange.lowerBound], n = skeleton.rowStart[e.rowRange.upperBound] - lo
            if e.values.count == n {
                for (i, v) in e.values.enumerated() { cells[lo + i] = CellReader.read(v) }
                continue
            }
            var values = e.padded(to: n)
            while values.count > n, values.last == "" { values.removeLast() }
            if values.count == n {
                for (i, v) in values.enumerated() { cells[lo + i] = CellReader.read(v) }
                continue
            }
            // Only rows that lead to a finding need their name and location written out.
            let location = FindingLocation(section: .s2, table: .t2, row: e.singleRowKey,
                                           source: e.lines.isEmpty ? nil : e.quotedSource)
            let name = "表二“\(definition.rows[e.rowRange].map(\.label).joined(separator: "”“"))”"
            if values.count > n {
                for i in 0..<n { cells[lo + i] = CellReader.read(values[i]) }
                findings.append(.error(RuleID.docShapeT2,
                    "\(name)行印有\(values.count)个数字，应为\(n)个；多出的“\(values[n...].joined(separator: " "))”未读入，请核对原文。",
                    at: location))
            } else if values.isEmpty && e.lines.isEmpty {
                findings.append(.error(RuleID.docShapeT2, "\(name)行在文中找不到，其数字按缺失处理。", at: location))
            } else {
                findings.append(.error(RuleID.docShapeT2,
                    "\(name)行只印有\(values.count)个数字（\(values.joined(separator: " "))），应为\(n)个；无法确定各数字属于哪一列，按缺失处理，请核对原文。",
                    at: location))
            }
        }
        var table = skeleton.table(cells)
        for (i, line) in extras.enumerated() {
            let key = "extra.\(i + 1)"
            var cells: [String: Cell] = [:]
            for (k, v) in line.values.enumerated() { cells["c\(k + 1)"] = CellReader.read(v) }
            table.rows[key] = cells
            table.extraLabels[key] = line.source
        }
        return table
    }

    /// Built once per template: the rows and their anchors don't change between reports.
    static let gov2019Rows = RowMatcher(rows: ReportTemplate.gov2019.t2.rows)
    static let gov2021Rows = RowMatcher(rows: ReportTemplate.gov2021.t2.rows)
    /// The tables with every cell missing, filled for each report.
    static let gov2019Skeleton = TableSkeleton(ReportTemplate.gov2019.t2)
    static let gov2021Skeleton = TableSkeleton(ReportTemplate.gov2021.t2)

    /// Words of the header lines that name the columns.
    static let headerWords = ["信息内容", "第二十条", "数量", "件数", "金额"]
    static let headerWordScalars: [[Unicode.Scalar]] = headerWords.map { Array($0.unicodeScalars) }

    /// True when a header word occurs in the key.
    static func containsHeaderWord(_ key: ArraySlice<Unicode.Scalar>) -> Bool {
        for word in headerWordScalars where key.count >= word.count {
            var i = key.startIndex
            while i + word.count <= key.endIndex {
                if key[i] == word[0] && key[i..<(i + word.count)].elementsEqual(word) { return true }
                i += 1
            }
        }
        return false
    }

    /// Lines with a label of their own, no template anchor and numbers, printed after a row that already has all
    /// its numbers — rows a province added (其他主动公开文件 …). `matcher` holds the template's rows.
    static func separateExtraRows(_ lines: [TableLine], keys: [Unicode.Scalar],
                                  matcher: RowMatcher) -> ([TableLine], [TableLine]) {
        var kept: [TableLine] = []
        var extras: [TableLine] = []
        kept.reserveCapacity(lines.count)
        var lastRowFilled = false
        for line in lines {
            let key = keys[line.keyRange]
            if matcher.containsAnyAnchor(key) {
                kept.append(line)
                lastRowFilled = !line.values.isEmpty
                continue
            }
            if !line.values.isEmpty, key.count >= 2, !containsHeaderWord(key), lastRowFilled {
                extras.append(line)
                continue
            }
            if !line.values.isEmpty { lastRowFilled = true }
            kept.append(line)
        }
        return (kept, extras)
    }
}
