public import ReportModel

/// Reads a file of any supported format into a report: detects the format by content, runs that format's
/// reader to get text, then the shared text pipeline (`ReportParser`).
public struct DocumentReader: Sendable {
    /// A report, and whether its rejection may go away when the same file is read again later.
    public struct Outcome: Sendable, Hashable {
        public var report: Report
        /// True only when the report is rejected for a passing reason (a converter that timed out on a loaded
        /// machine): the caller should retry the file later instead of storing the rejection as final.
        public var isTransient: Bool

        public init(report: Report, isTransient: Bool = false) {
            self.report = report
            self.isTransient = isTransient
        }
    }

    /// Runs outside programs for PDF and legacy Word; without one those formats are rejected with a reason.
    public var converter: (any DocumentConverter)?
    public var parser = ReportParser()

    public init(converter: (any DocumentConverter)? = nil) {
        self.converter = converter
    }

    /// The report for one file's bytes. Always a report, even for junk (`status: rejected`, with the reason).
    public func read(_ bytes: [UInt8], fileName: String) -> Report {
        outcome(bytes, fileName: fileName).report
    }

    /// The report for one file's bytes, with whether a rejection is transient (see `Outcome.isTransient`).
    public func outcome(_ bytes: [UInt8], fileName: String) -> Outcome {
        let sniffed = FormatSniffer.sniff(bytes)
        let base = Report(file: fileName, format: sniffed.format.rawValue)
        switch sniffed.format {
        case .txt:
            return Outcome(report: parser.parse(bytes, fileName: fileName))
        case .html:
            switch HTMLReader.page(bytes) {
            case .text(let page):
                var report = base
                report.encoding = page.encoding
                return Outcome(report: parser.parse(text: page.text, into: report,
                                                    undecodableBytes: page.undecodableBytes, byteCount: bytes.count))
            case .rejected(let reason, let encoding):
                var report = base
                report.encoding = encoding
                return rejected(report, reason, permanent: true)
            }
        case .docx:
            return finish(DOCXReader.read(bytes), base)
        case .pdf, .doc:
            guard let converter else {
                let reason = sniffed.format == .pdf
                    ? "未安装PDF转换程序（Debian软件包 poppler-utils 中的 pdftotext），无法读取PDF文件"
                    : "未安装Word 97–2003（.doc）转换程序（Debian软件包 antiword 或 catdoc），无法读取DOC文件"
                return rejected(base, reason, permanent: true)
            }
            switch converter.text(of: bytes, format: sniffed.format) {
            case .text(let text): return finish(.text(text, encoding: nil), base)
            case .failed(let reason, let permanent): return rejected(base, reason, permanent: permanent)
            }
        case .unsupported:
            return rejected(base, sniffed.reason ?? "不支持的文件格式，不是可读取的年度报告", permanent: true)
        }
    }

    /// A format reader's output through the text pipeline, or the rejection it reported.
    func finish(_ output: ReaderOutput, _ base: Report) -> Outcome {
        switch output {
        case .text(let text, let encoding):
            var report = base
            report.encoding = encoding
            return Outcome(report: parser.parse(text: text, into: report))
        case .rejected(let reason, let permanent):
            return rejected(base, reason, permanent: permanent)
        }
    }

    /// A rejected report with one `DOC-FORMAT` error saying why.
    func rejected(_ report: Report, _ reason: String, permanent: Bool) -> Outcome {
        Outcome(report: parser.rejected(report, .error(RuleID.docFormat, reason)), isTransient: !permanent)
    }
}
