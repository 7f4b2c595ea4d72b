public import ReportModel

/// Reads a file of any supported format into a report: detects the format by content, runs that format's
/// reader to get text, then the shared text pipeline (`ReportParser`).
public struct DocumentReader: Sendable {
    /// Runs outside programs for PDF and legacy Word; without one those formats are rejected with a reason.
    public var converter: (any DocumentConverter)?
    public var parser = ReportParser()

    public init(converter: (any DocumentConverter)? = nil) {
        self.converter = converter
    }

    /// The report for one file's bytes. Always a report, even for junk (`status: rejected`, with the reason).
    public func read(_ bytes: [UInt8], fileName: String) -> Report {
        // Format detection (FormatSniffer) and the HTML reader plug in here; until then PDF and ZIP are
        // recognised by their first bytes.
        if bytes.starts(with: Array("%PDF-".utf8)) { return read(bytes, fileName: fileName, as: .pdf) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return read(bytes, fileName: fileName, as: .docx) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return read(bytes, fileName: fileName, as: .doc) }
        return parser.parse(bytes, fileName: fileName)
    }

    /// The report for bytes already known to be PDF, legacy Word or DOCX.
    func read(_ bytes: [UInt8], fileName: String, as format: DocumentFormat) -> Report {
        let base = Report(file: fileName, format: format.rawValue)
        let output: ReaderOutput
        switch format {
        case .docx:
            output = DOCXReader.read(bytes)
        case .pdf, .doc:
            guard let converter else {
                output = .rejected(reason: "没有配置文档转换程序，无法读取\(format == .pdf ? "PDF" : "Word 97–2003（DOC）")文件")
                break
            }
            switch converter.text(of: bytes, format: format) {
            case .text(let text): output = .text(text, encoding: nil)
            case .failed(let reason, let permanent): output = .rejected(reason: reason, permanent: permanent)
            }
        default:
            return parser.parse(bytes, fileName: fileName)
        }
        switch output {
        case .text(let text, let encoding):
            var report = base
            report.encoding = encoding
            return parser.parse(text: text, into: report)
        case .rejected(let reason, _):
            var report = base
            report.status = .rejected
            report.findings = [.error(RuleID.docFormat, reason)]
            return report
        }
    }
}
