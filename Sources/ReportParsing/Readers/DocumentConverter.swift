/// Turns a format that needs an outside program (PDF, legacy Word) into text.
///
/// Parsing itself does no I/O; the real converters run child processes (`DocumentConversion`), and tests of
/// the readers can pass a converter of their own.
public protocol DocumentConverter: Sendable {
    /// The text of `bytes` in `format`, or why it cannot be had.
    func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult
}

/// A converter's answer.
public enum ConversionResult: Sendable, Hashable {
    /// Text with its layout kept (one line per printed line, cells apart by spaces).
    case text(String)
    /// The document cannot be converted; `reason` says why in Chinese (for a `DOC-FORMAT` finding), and
    /// `permanent` is false when trying again later may help (a converter that timed out on a loaded machine).
    case failed(reason: String, permanent: Bool)
}
