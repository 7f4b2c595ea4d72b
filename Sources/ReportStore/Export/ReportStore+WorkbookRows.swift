import ReportModel

/// The workbook export's streaming query: reports and their findings read side by side by two cursors in
/// the same order, so each report costs one step of each and memory stays flat.
extension ReportStore {
    /// One ``WorkbookRow`` per current report matching the filter, ordered by body and year.
    public func forEachWorkbookRow(matching filter: ReportFilter = .all, _ body: (WorkbookRow) throws -> Void) throws {
        let columns = CanonicalColumn.all
        try database.read { c in
            let slots = try columnSlots(columns, c)
            let (condition, values) = filter.whereClause
            let reports = try c.prepare("""
                SELECT \(ReportReader.storedColumns), r.cells_packed
                FROM reports r WHERE \(condition) ORDER BY r.body, r.year, r.id
                """)
            defer { reports.reset() }
            let findings = try c.prepare("""
                SELECT f.rule, f.severity, f.section, f.tbl, f.row_key, f.col_key, f.source, f.message, f.expected,
                       f.actual, f.fingerprint, r.id
                FROM reports r JOIN findings f ON f.report_id = r.id
                WHERE \(condition) ORDER BY r.body, r.year, r.id, f.id
                """)
            defer { findings.reset() }
            try reports.bind(values)
            try findings.bind(values)
            var pendingFinding = try findings.step()
            var cells = [PrintedCell](repeating: .absent, count: columns.count)
            var reportFindings: [Finding] = []
            while try reports.step() {
                let report = ReportReader.stored(reports)
                reportFindings.removeAll(keepingCapacity: true)
                while pendingFinding && findings.int64(11) == report.id.rawValue {
                    reportFindings.append(ReportReader.finding(findings))
                    pendingFinding = try findings.step()
                }
                try reports.withUnsafeBytes(11) { packed in
                    try cells.withUnsafeMutableBufferPointer { cells in
                        for index in cells.indices { cells[index] = .absent }
                        let intact = PackedCells.forEach(packed) { entry in
                            guard entry.nameID < slots.count, slots[entry.nameID] >= 0 else { return }
                            if let value = entry.value {
                                cells[slots[entry.nameID]] = .value(value)
                            } else {
                                cells[slots[entry.nameID]] = .text(entry.raw ?? UnsafeRawBufferPointer(start: nil, count: 0))
                            }
                        }
                        guard intact else { throw StoreError.damagedReport(report.id) }
                        try body(WorkbookRow(report: report, cells: UnsafeBufferPointer(cells), findings: reportFindings))
                    }
                }
            }
        }
    }
}
