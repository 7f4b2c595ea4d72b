import ArgumentParser
import ControlProtocol
import Foundation
import ReportModel

#if canImport(Glibc)
import Glibc
#endif

extension GovReportCtl {
    /// `govreportctl export`: the current reports, streamed from the daemon, to stdout or a file.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the current reports as CSV, NDJSON or JSON.",
            discussion: """
                Examples:
                  govreportctl export --format csv --year 2021 --output reports-2021.csv
                  govreportctl export --format ndjson --body 昆吾办 | jq .tables.t3.new.total
                  govreportctl export --format json --status invalid

                csv: one row per report, every canonical cell a column, UTF-8 with a BOM (Excel and WPS \
                show the Chinese correctly). ndjson: one object per line per report with body, year, \
                sha256, status, template and tables (as `check --json`). json: the same objects in one array.

                --output writes a temporary file beside FILE and renames it when the export is complete, so \
                FILE is never left half written.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Option(help: "csv, ndjson or json.")
        var format: ExportRequest.Format = .csv

        @Option(help: "Only reports for this statistics year.")
        var year: Int?

        @Option(help: "Only reports from this body.")
        var body: String?

        @Option(help: "Only reports with this status: valid, warnings, invalid, rejected.")
        var status: ReportStatus?

        @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            let request = ExportRequest(format: format, year: year, body: body, status: status)
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
    }
}

extension ExportRequest.Format: ExpressibleByArgument {}
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
