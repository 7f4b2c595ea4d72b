import ControlProtocol
import Foundation
import ReportModel
import ReportStore
import Testing

/// `export` with `"format":"rows"` against an in-process control server over its real socket: the column
/// names in the `ok` result, one `report` line per current report with typed cell values, its `finding`
/// lines right after it, and the lines read back both by a general JSON parser and by ``JSONRowScanner``.
@Suite("control export rows")
struct ControlExportRowsTests {
    @Test("the hello offers export.rows")
    func capability() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let client = try await SocketTestClient.connect(server.socketPath)
        let hello = try await client.read(ServerHello.self)
        #expect(hello.capabilities.contains("export.rows"))
    }

    @Test("rows: columns in the ok, a report line per report with numbers, printed text and nulls, then its findings")
    func rows() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let (start, lines, count) = try await Self.export(server, ExportRequest(format: .rows))
        #expect(count == 3)
        let columns = try #require(start.columns)
        #expect(Array(columns.prefix(9)) == ExportRows.reportMetadataColumns)
        #expect(columns.count == 9 + CanonicalColumn.all.count)
        #expect(columns.contains("t2.licensing.decisions"))
        #expect(start.findingColumns == ExportRows.findingColumns)

        let rows = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let reports = rows.filter { $0.first as? String == "report" }
        #expect(reports.count == 3)
        #expect(reports.allSatisfy { $0.count == columns.count + 1 })
        func value(_ row: [Any], _ name: String) -> Any? { row[columns.firstIndex(of: name)! + 1] }
        #expect(reports.map { value($0, "body") as? String } == ["昆吾办", "昆吾办", "青丘办"])
        #expect(reports.map { value($0, "year") as? Int } == [2020, 2021, 2020])
        #expect(reports.map { value($0, "t2.licensing.decisions") as? Int } == [73, 73, 73])
        #expect(reports.allSatisfy { value($0, "template") as? String == "gov2019" })
        #expect(reports.allSatisfy { (value($0, "stored_at") as? String)?.hasPrefix("2026-03-01T08:") == true })

        // Compared with the store: each cell is its number, else its printed text, else null.
        var stored: [(StoredReport, [TableID: Table], [StoredFinding])] = []
        try server.store.forEachCurrentReportWithFindings { stored.append(($0, $1, $2)) }
        var sawNull = false
        for (row, (report, tables, _)) in zip(reports, stored) {
            #expect(value(row, "report_id") as? Int64 == report.id.rawValue)
            #expect(value(row, "stored_at") as? String == ISO8601DateFormatter().string(from: report.storedAt))
            #expect(value(row, "sha256") as? String == report.documentSHA256)
            #expect(value(row, "version") as? Int == report.version)
            for column in CanonicalColumn.all {
                let got = value(row, column.flatName)
                switch tables[column.table]?[column.row, column.column] {
                case nil:
                    #expect(got is NSNull, "\(column.flatName)")
                    sawNull = true
                case let cell? where cell.value != nil:
                    #expect((got as? NSNumber)?.doubleValue == cell.value?.doubleValue, "\(column.flatName)")
                case let cell?:
                    #expect(got as? String == cell.raw, "\(column.flatName)")
                }
            }
        }
        #expect(sawNull, "the gov2021-only cells are null in gov2019 reports")

        // Each report's findings follow its line, in stored order.
        var findingsByReport: [[[Any]]] = []
        for row in rows {
            if row.first as? String == "report" { findingsByReport.append([]) } else { findingsByReport[findingsByReport.count - 1].append(row) }
        }
        #expect(findingsByReport.map(\.count) == stored.map(\.2.count))
        let first = try #require(findingsByReport.first?.first)
        let expected = try #require(stored.first?.2.first?.finding)
        #expect(first[1] as? String == expected.rule)
        #expect(first[2] as? String == expected.severity.rawValue)
        #expect(first[3] as? String == expected.message)
        #expect(first[5] as? String == expected.location.table?.rawValue)
        #expect(first[6] as? String == expected.location.row)
        #expect(first[10] as? String == expected.fingerprint)
        #expect(first.count == ExportRows.findingColumns.count + 1)
    }

    @Test("rows honours the filter, and JSONRowScanner reads every line the way JSONSerialization does")
    func filterAndScanner() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let (_, lines, count) = try await Self.export(server, ExportRequest(format: .rows, body: "青丘办"))
        #expect(count == 1)
        #expect(lines.filter { $0.hasPrefix("[\"report\"") }.count == 1)
        var scanner = JSONRowScanner()
        for line in lines {
            let reference = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            var scanned: [Any] = []
            var bytes = Array(line.utf8)
            try bytes.withUnsafeMutableBytes { buffer in
                try scanner.scan(UnsafeRawBufferPointer(buffer)) { _, element in
                    switch element {
                    case .null: scanned.append(NSNull())
                    case .bool(let value): scanned.append(value)
                    case .number(let literal): scanned.append(JSONRowScanner.double(literal) as Any)
                    case .string(let text): scanned.append(String(decoding: text, as: UTF8.self))
                    }
                }
            }
            #expect(scanned.count == reference.count)
            for (a, b) in zip(scanned, reference) {
                switch (a, b) {
                case (is NSNull, is NSNull): break
                case (let a as String, let b as String): #expect(a == b)
                case (let a as Double, let b as NSNumber): #expect(a == b.doubleValue)
                default: Issue.record("\(a) differs from \(b)")
                }
            }
        }
    }

    /// Runs an export on a new connection: the `ok` result, the lines of the concatenated chunks, `end.count`.
    static func export(_ server: ControlTestServer, _ request: ExportRequest) async throws
        -> (ExportStart, [String], Int?) {
        let client = try await SocketTestClient.connect(server.socketPath)
        _ = try await client.read(ServerHello.self)
        try await client.send(.export(request), id: 7)
        let ok = try await client.read(OKLine<ExportStart>.self)
        #expect(ok.id == 7)
        var text = ""
        while true {
            let line = try await client.read(ResponseLine.self)
            #expect(line.id == 7)
            switch line.type {
            case .chunk:
                let data = line.data ?? ""
                #expect(data.hasSuffix("\n"), "chunks end at a line end")
                text += data
            case .end:
                return (ok.result, text.split(separator: "\n").map(String.init), line.count)
            default:
                Issue.record("unexpected \(line.type)")
                return (ok.result, [], nil)
            }
        }
    }
}
