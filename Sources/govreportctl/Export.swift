import ArgumentParser
import ControlProtocol
import Foundation
import ReportExport
import ReportModel

#if canImport(Glibc)
import Glibc
#endif

extension GovReportCtl {
    /// `govreportctl export`: the current reports, streamed from the daemon, to stdout or a file.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the current reports as CSV, XLSX, NDJSON or JSON.",
            discussion: """
                Examples:
                  govreportctl export --format csv --year 2021 --output reports-2021.csv
                  govreportctl export --format csv --shape long --body 青丘办 > cells.csv
                  govreportctl export --format xlsx --year 2021 --output 2021年度报告.xlsx
                  govreportctl export --format ndjson --body 昆吾办 | jq .tables.t3.new.total
                  govreportctl export --format json --status invalid

                csv: one row per report, every canonical cell a column, UTF-8 with a BOM (Excel and WPS \
                show the Chinese correctly); with --shape long, one row per cell instead: body, year, table, \
                row, column, raw, kind, value, unit, inferred. xlsx: a workbook for Excel or WPS with a \
                summary sheet (one row per report), a sheet per table laid out like the official table, and \
                a sheet of findings; numbers are numbers. ndjson: one object per line per report with body, year, \
                sha256, status, template, tables and findings (as `check --json`). json: the same objects in one array.

                --output writes a temporary file beside FILE and renames it when the export is complete, so \
                FILE is never left half written.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Option(help: "csv, xlsx, ndjson or json.")
        var format: ExportFormat = .csv

        @Option(help: "For csv: wide (one row per report, the default) or long (one row per cell).")
        var shape: ExportRequest.Shape = .wide

        @Option(help: "Only reports for this statistics year.")
        var year: Int?

        @Option(help: "Only reports from this body.")
        var body: String?

        @Option(help: "Only reports with this status: valid, warnings, invalid, rejected.")
        var status: ReportStatus?

        @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if shape == .long && format != .csv { throw ValidationError("--shape long is for --format csv") }
        }

        func run() throws {
            if format == .xlsx { return try runWorkbook() }
            let wire = ExportRequest.Format(rawValue: format.rawValue) ?? .csv
            let request = ExportRequest(format: wire, year: year, body: body, status: status,
                                        shape: format == .csv && shape == .long ? .long : nil)
            let sink = try ExportSink(path: output)
            do {
                let count = try options.withClient { client in
                    try client.stream(.export(request)) { line in
                        try sink.write(Array((line.data ?? "").utf8))
                        return true
                    }
                }
                try sink.commit()
                if let output { printError("已导出 \(count ?? 0) 份报告到 \(output)") }
            } catch {
                sink.discard()
                if let error = error as? ClientFailure {
                    printError(error.description)
                    throw ExitCode(error.exitCode)
                }
                throw error
            }
        }

        /// Streams the export into a workbook, then writes the workbook: beside `--output` and renamed over it
        /// when complete, or straight to standard output. A daemon that offers the `rows` export sends each
        /// report as one compact line; an older one sends whole reports as NDJSON.
        private func runWorkbook() throws {
            let target = output.map { URL(fileURLWithPath: $0) }
            let temporary = target.map {
                $0.deletingLastPathComponent().appendingPathComponent(
                    ".\($0.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
            }
            defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
            do {
                let workbook = try ReportWorkbook(temporaryDirectory: FileManager.default.temporaryDirectory)
                let count = try options.withClient { client in
                    if client.hello.capabilities.contains("export.\(ExportRequest.Format.rows.rawValue)") {
                        return try streamRows(client, into: workbook)
                    }
                    return try streamReports(client, into: workbook)
                }
                if let target, let temporary {
                    let file = try FileOutput(creating: temporary.path)
                    try workbook.write(to: file)
                    try file.sync()
                    guard rename(temporary.path, target.path) == 0 else {
                        throw ValidationError("cannot rename into \(target.path): \(String(cString: strerror(errno)))")
                    }
                    printError("已导出 \(count ?? 0) 份报告到 \(target.path)")
                } else {
                    try workbook.write(to: FileOutput(fileDescriptor: STDOUT_FILENO))
                }
            } catch let error as ClientFailure {
                printError(error.description)
                throw ExitCode(error.exitCode)
            } catch let error as FileError {
                printError(error.description)
                throw ExitCode(ExitStatus.failure)
            }
        }

        /// The `rows` export: one line per report and per finding, read in place.
        private func streamRows(_ client: ControlClient, into workbook: ReportWorkbook) throws -> Int? {
            let request = ExportRequest(format: .rows, year: year, body: body, status: status)
            var reader = WorkbookRowsReader(workbook: workbook)
            let count = try client.streamChunks(.export(request), start: { try reader.start($0) }) { data in
                try reader.take(data)
            }
            try reader.finish()
            return count
        }

        /// The NDJSON export, for a daemon without `rows`: each line decoded as a whole report.
        private func streamReports(_ client: ControlClient, into workbook: ReportWorkbook) throws -> Int? {
            let request = ExportRequest(format: .ndjson, year: year, body: body, status: status)
            let decoder = ControlJSON.decoder
            return try client.stream(.export(request)) { line in
                let bytes = Array((line.data ?? "").utf8)
                for record in bytes.split(separator: 0x0A) where !record.isEmpty {
                    try workbook.add(try decoder.decode(Report.self, from: Data(record)))
                }
                return true
            }
        }
    }
}

/// What `export --format` accepts: the daemon's formats, and xlsx, which the client builds from the `rows` export.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, xlsx, ndjson, json
}

extension ExportRequest.Shape: ExpressibleByArgument {}
extension ReportStatus: ExpressibleByArgument {}

/// Where export bytes go: standard output, or a temporary file renamed over the target at the end.
final class ExportSink {
    private let target: String?
    private let temporary: String?
    private let fd: Int32

    init(path: String?) throws {
        target = path
        guard let path else {
            temporary = nil
            fd = STDOUT_FILENO
            return
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let opened = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        temporary = temp
        fd = opened
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ValidationError("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Makes the file durable and puts it in place.
    func commit() throws {
        guard let temporary, let target else { return }
        guard fsync(fd) == 0, close(fd) == 0 else {
            throw ValidationError("cannot write \(target): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ValidationError("cannot rename into \(target): \(reason)")
        }
    }

    /// Removes the temporary file after a failure; the target is untouched.
    func discard() {
        guard let temporary else { return }
        close(fd)
        unlink(temporary)
    }
}
