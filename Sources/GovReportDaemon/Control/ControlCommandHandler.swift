import ControlProtocol
import Foundation
import ReportModel
import ReportStore

/// Runs the control commands against the store, blocking: call it from a thread pool, never from the
/// cooperative pool. It has its own connections to the database.
final class ControlCommandHandler: Sendable {
    private let context: ControlContext
    private let queue: SQLiteJobQueue
    private let store: ReportStore
    private let clock: @Sendable () -> Date

    /// Opens the database at the context's path.
    init(context: ControlContext, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.context = context
        let database = try StoreDatabase(path: context.databasePath, fullSync: true)
        queue = SQLiteJobQueue(database: database)
        store = ReportStore(database: database)
        self.clock = clock
    }

    /// Page sizes above this are cut to it.
    static let maxPageSize = 1_000
    /// The windows `status` reports throughput over, in minutes.
    static let throughputWindows = [1, 5, 15]

    func status() throws -> StatusResult {
        let now = clock()
        var jobs = JobCounts()
        for (state, count) in try queue.counts() { jobs[state.rawValue] = count }
        let reports = try store.reportCounts()
        let throughput = try Self.throughputWindows.map { minutes in
            ThroughputWindow(minutes: minutes,
                             stored: try queue.storedCount(since: now.addingTimeInterval(-Double(minutes) * 60)))
        }
        let oldest = try queue.oldestQueuedCreatedAt().map { max(0, now.timeIntervalSince($0)) }
        return StatusResult(
            daemon: DaemonVersion.string, pid: getpid(), startedAt: context.startedAt,
            uptimeSeconds: max(0, now.timeIntervalSince(context.startedAt)), inbox: context.inboxPath,
            database: context.databasePath, intakePaused: try queue.isIntakePaused(), jobs: jobs,
            reports: ReportCounts(all: reports.all, current: reports.current), throughput: throughput,
            oldestQueuedAgeSeconds: oldest, latestErrors: try queue.latestErrors(limit: 5).map(Self.summary))
    }

    func jobs(_ query: JobsQuery) throws -> JobsResult {
        var filter = JobListFilter(body: query.body, year: query.year)
        if let name = query.state {
            guard let state = JobState(rawValue: name) else {
                throw ControlError(.badRequest, "没有“\(name)”这种任务状态；可用：\(JobCounts.states.joined(separator: "、"))")
            }
            filter.state = state
        }
        let limit = min(max(query.limit ?? 50, 1), Self.maxPageSize)
        let listings = try queue.listJobs(filter, before: query.before.map(JobID.init(rawValue:)), limit: limit + 1)
        let page = listings.prefix(limit).map(Self.summary)
        return JobsResult(jobs: page, nextBefore: listings.count > limit ? page.last?.id : nil)
    }

    func show(_ request: ShowRequest) throws -> ShowResult {
        let id = JobID(request.job)
        guard let listing = try queue.listing(id) else { throw ControlError(.notFound, "没有编号为 \(request.job) 的任务") }
        let history = try queue.history(of: id).map {
            JobHistoryEntry(at: $0.at, from: $0.from?.rawValue, to: $0.to.rawValue, note: $0.note)
        }
        guard let reportID = listing.job.reportID, let overview = try store.overview(of: reportID) else {
            return ShowResult(job: Self.summary(listing), history: history, report: nil, findings: [])
        }
        let stored = overview.stored
        let report = ReportSummary(
            id: stored.id.rawValue, body: stored.body, year: stored.year, template: stored.template?.rawValue,
            status: stored.status, version: stored.version, isCurrent: stored.isCurrent, file: stored.file,
            title: overview.title, storedAt: stored.storedAt, errors: overview.errors, warnings: overview.warnings,
            infos: overview.infos)
        let findings = try store.findings(of: reportID).map { item in
            FindingSummary(
                rule: item.finding.rule, severity: item.finding.severity, message: item.finding.message,
                location: item.finding.location, fingerprint: item.finding.fingerprint, crossYear: item.crossYear,
                decision: item.decision.map {
                    DecisionSummary(verdict: $0.verdict == .accepted ? .accepted : .dismissed, by: $0.decidedBy,
                                    at: $0.decidedAt, note: $0.note)
                })
        }
        return ShowResult(job: Self.summary(listing), history: history, report: report, findings: findings)
    }

    /// Requeues (or with `dry_run` lists) the jobs; publishes a `retried` event per job and wakes the workers.
    func retry(_ request: RetryRequest) throws -> RetryResult {
        guard !request.jobs.isEmpty || request.failed || request.rejected else {
            throw ControlError(.badRequest, "请给出任务编号，或选择全部失败（failed）或全部拒收（rejected）的任务")
        }
        var ids = request.jobs.map(JobID.init(rawValue:))
        var states: Set<JobState> = []
        if request.failed { states.insert(.failed) }
        if request.rejected { states.insert(.rejected) }
        for id in try queue.jobIDs(in: states) where !ids.contains(id) { ids.append(id) }
        for id in request.jobs.map(JobID.init(rawValue:)) {
            guard let job = try queue.job(id) else { throw ControlError(.notFound, "没有编号为 \(id) 的任务") }
            guard [.failed, .rejected, .quarantined, .stored].contains(job.state) else {
                throw ControlError(.invalidState, "任务 \(id) 的状态是 \(job.state.rawValue)，只有 failed、rejected、quarantined 或 stored 的任务可以重试")
            }
        }
        if request.dryRun || ids.isEmpty { return RetryResult(dryRun: request.dryRun, jobs: ids.map(\.rawValue)) }
        let retried = try queue.retry(.jobs(ids))
        for id in retried {
            context.events.publish(.retried, job: id.rawValue, state: JobState.queued.rawValue, detail: "已重新排队")
        }
        context.wakeWorkers()
        return RetryResult(dryRun: false, jobs: retried.map(\.rawValue))
    }

    /// Sets or clears the "intake paused" flag and publishes the change.
    func setIntakePaused(_ paused: Bool) throws -> IntakeResult {
        try queue.setIntakePaused(paused)
        context.events.publish(paused ? .intakePaused : .intakeResumed,
                               detail: paused ? "已暂停接收新文件" : "已恢复接收新文件")
        return IntakeResult(intakePaused: try queue.isIntakePaused())
    }

    /// Records a decision on a finding, by the peer's user name.
    func decide(_ request: DecisionRequest, by person: String) throws -> DecisionResult {
        let (body, year) = try reportKey(for: request)
        guard try store.hasFinding(request.fingerprint, body: body, year: year) else {
            throw ControlError(.notFound, "\(body) \(year) 年的报告没有指纹为 \(request.fingerprint) 的问题")
        }
        try store.decide(request.verdict == .accepted ? .accepted : .dismissed, fingerprint: request.fingerprint,
                         body: body, year: year, by: person, note: request.note)
        return DecisionResult(fingerprint: request.fingerprint, verdict: request.verdict, body: body, year: year,
                              by: person, note: request.note)
    }

    /// Writes the export to `sink` in chunks that end at a record boundary; returns the number of reports.
    func export(_ request: ExportRequest, to sink: @escaping ([UInt8]) throws -> Void) throws -> Int {
        let filter = ReportFilter(year: request.year, body: request.body, status: request.status)
        switch request.format {
        case .csv where request.shape == .long:
            return try exportLongCSV(filter, to: sink)
        case .csv:
            var records = 0
            try store.writeWideCSV(matching: filter, byteOrderMark: true) { chunk in
                records += Self.countLineEnds(chunk)
                try sink(chunk)
            }
            return max(0, records - 1)  // the header
        case .rows:
            return try exportRows(filter, to: sink)
        case .ndjson, .json:
            let json = request.format == .json
            let encoder = ControlJSON.encoder
            var buffer: [UInt8] = json ? Array("[\n".utf8) : []
            var count = 0
            try store.forEachCurrentReportWithFindings(matching: filter) { stored, tables, findings in
                if json && count > 0 { buffer.append(contentsOf: ",\n".utf8) }
                let exported = ExportedReport(
                    body: stored.body, year: stored.year, sha256: stored.documentSHA256, status: stored.status,
                    template: stored.template, file: stored.file, version: stored.version,
                    tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.key.rawValue, $0.value) }),
                    findings: findings.map(\.finding))
                buffer.append(contentsOf: try encoder.encode(exported))
                if !json { buffer.append(0x0A) }
                count += 1
                if buffer.count >= 1 << 16 {
                    try sink(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if json { buffer.append(contentsOf: (count > 0 ? "\n]\n" : "]\n").utf8) }
            if !buffer.isEmpty { try sink(buffer) }
            return count
        }
    }

    /// The `ok` of a `rows` export: the names of the report rows' and the finding rows' values.
    static let rowsStart = ExportStart(format: .rows,
                                       columns: ExportRows.reportMetadataColumns + CanonicalColumn.all.map(\.flatName),
                                       findingColumns: ExportRows.findingColumns)

    /// Writes the `rows` export: per report a JSON array of its metadata and every canonical cell, then one
    /// array per finding; returns the number of reports.
    private func exportRows(_ filter: ReportFilter, to sink: @escaping ([UInt8]) throws -> Void) throws -> Int {
        var out = JSONRowWriter(capacity: (1 << 16) + (1 << 14))
        var count = 0
        try store.forEachWorkbookRow(matching: filter) { row in
            let report = row.report
            out.begin("report")
            out.integer(report.id.rawValue)
            out.string(report.body)
            out.integer(report.year)
            out.string(report.template?.rawValue)
            out.string(report.status.rawValue)
            out.integer(Int64(report.version))
            out.string(report.file)
            out.string(report.documentSHA256)
            out.string(Self.utcTimestamp(report.storedAt))
            for cell in row.cells {
                switch cell {
                case .absent: out.null()
                case .value(.integer(let n)): out.integer(n)
                case .value(.decimal(let d)): out.double(d)
                case .text(let raw): out.string(raw)
                }
            }
            out.end()
            for finding in row.findings {
                out.begin("finding")
                out.string(finding.rule)
                out.string(finding.severity.rawValue)
                out.string(finding.message)
                out.string(finding.location.section?.rawValue)
                out.string(finding.location.table?.rawValue)
                out.string(finding.location.row)
                out.string(finding.location.column)
                Self.write(finding.expected, to: &out)
                Self.write(finding.actual, to: &out)
                out.string(finding.fingerprint)
                out.end()
            }
            count += 1
            if out.bytes.count >= 1 << 16 {
                try sink(out.bytes)
                out.removeAll()
            }
        }
        if !out.bytes.isEmpty { try sink(out.bytes) }
        return count
    }

    /// `2026-03-01T08:02:00Z`: the time to the second in UTC, as the CSV export's `stored_at` writes it.
    static func utcTimestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(second / 3_600)):\(two(second % 3_600 / 60)):\(two(second % 60))Z"
    }

    private static func write(_ value: CellValue?, to out: inout JSONRowWriter) {
        switch value {
        case .integer(let n): out.integer(n)
        case .decimal(let d): out.double(d)
        case nil: out.null()
        }
    }

    /// The columns of the long CSV export, one row per cell.
    static let longColumns = ["body", "year", "table", "row", "column", "raw", "kind", "value", "unit", "inferred"]

    /// Writes one CSV row per cell of the matching reports (UTF-8 with a BOM); returns the number of reports.
    private func exportLongCSV(_ filter: ReportFilter, to sink: @escaping ([UInt8]) throws -> Void) throws -> Int {
        let csv = CSVWriter(byteOrderMark: true, sink: sink)
        try csv.writeRow(Self.longColumns)
        var reports = 0
        var last: ReportID?
        try store.forEachCell(matching: filter) { row in
            if row.reportID != last {
                reports += 1
                last = row.reportID
            }
            try csv.writeRow([
                row.body ?? "", row.year.map(String.init) ?? "", row.column.table.rawValue, row.column.row,
                row.column.column, row.cell.raw, row.cell.kind.rawValue, row.cell.value?.description ?? "",
                row.cell.unit ?? "", row.cell.inferred ? "true" : "false",
            ])
        }
        try csv.flush()
        return reports
    }

    /// The body's current reports side by side: every canonical cell any of them has, one value per year,
    /// with the change from the year before.
    func compare(_ request: CompareRequest) throws -> CompareResult {
        var years: [Int] = []
        var tablesByYear: [[TableID: Table]] = []
        try store.forEachCurrentReport(matching: ReportFilter(body: request.body)) { stored, tables in
            guard let year = stored.year else { return }
            years.append(year)
            tablesByYear.append(tables)
        }
        guard !years.isEmpty else { throw ControlError(.notFound, "没有机关“\(request.body)”的当前报告") }
        let order = years.indices.sorted { years[$0] < years[$1] }
        years = order.map { years[$0] }
        tablesByYear = order.map { tablesByYear[$0] }
        var cells: [CompareCell] = []
        for column in CanonicalColumn.all {
            let found = tablesByYear.map { $0[column.table]?[column.row, column.column] }
            guard found.contains(where: { $0 != nil && $0?.kind != .missing }) else { continue }
            var values: [CompareValue] = []
            var previous: CellValue?
            for (index, cell) in found.enumerated() {
                let value = cell?.value
                var change: CellValue?
                if let value, let previous {
                    switch (value, previous) {
                    case (.integer(let a), .integer(let b)): change = .integer(a - b)
                    default: change = .decimal(value.doubleValue - previous.doubleValue)
                    }
                }
                values.append(CompareValue(year: years[index], raw: cell?.raw, value: value, change: change))
                previous = value
            }
            cells.append(CompareCell(table: column.table.rawValue, row: column.row, column: column.column,
                                     label: column.printedLabel, values: values))
        }
        return CompareResult(body: request.body, years: years, cells: cells)
    }

    /// The (body, year) a decision is for: from the job's report, as given, or the one current report with
    /// a finding of that fingerprint.
    private func reportKey(for request: DecisionRequest) throws -> (String, Int) {
        if let job = request.job {
            guard let listing = try queue.listing(JobID(job)) else { throw ControlError(.notFound, "没有编号为 \(job) 的任务") }
            guard let body = listing.body, let year = listing.year else {
                throw ControlError(.notFound, "任务 \(job) 没有带机关和年度的报告")
            }
            return (body, year)
        }
        switch (request.body, request.year) {
        case (let body?, let year?):
            return (body, year)
        case (nil, nil):
            let reports = try store.currentReports(withFinding: request.fingerprint)
            guard let first = reports.first else {
                throw ControlError(.notFound, "当前报告中没有指纹为 \(request.fingerprint) 的问题")
            }
            guard reports.count == 1 else {
                let names = reports.prefix(5).map { "\($0.body) \($0.year)" }.joined(separator: "、")
                throw ControlError(.ambiguous, "\(reports.count) 份报告都有这个问题（\(names)…）；请用任务编号或机关和年度指明是哪一份")
            }
            return (first.body, first.year)
        default:
            throw ControlError(.badRequest, "机关（body）和年度（year）要一起给出")
        }
    }

    /// CRLF record ends in a chunk of CSV.
    private static func countLineEnds(_ chunk: [UInt8]) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in chunk {
            if byte == 0x0A && previous == 0x0D { count += 1 }
            previous = byte
        }
        return count
    }

    static func summary(_ listing: JobListing) -> JobSummary {
        let job = listing.job
        return JobSummary(id: job.id.rawValue, file: job.fileName, state: job.state.rawValue, attempts: job.attempts,
                          sha256: job.sha256, createdAt: job.createdAt, updatedAt: job.updatedAt,
                          lastError: job.lastError, duplicateOf: job.duplicateOf?.rawValue,
                          reportID: job.reportID?.rawValue, body: listing.body, year: listing.year,
                          reportStatus: listing.reportStatus?.rawValue)
    }

    /// A store error as the protocol's error.
    static func controlError(_ error: any Error) -> ControlError {
        switch error {
        case let error as ControlError: return error
        case StoreError.jobNotFound(let id): return ControlError(.notFound, "没有编号为 \(id) 的任务")
        case StoreError.jobNotRetryable(let id, let state):
            return ControlError(.invalidState, "任务 \(id) 的状态是 \(state.rawValue)，不能重试")
        case StoreError.reportNotFound(let id): return ControlError(.notFound, "没有编号为 \(id) 的报告")
        default: return ControlError(.internal, "守护进程内部出错：\(error)")
        }
    }
}
