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
        // Format detection (FormatSniffer) and the HTML and DOCX readers plug in here.
        parser.parse(bytes, fileName: fileName)
    }
}
