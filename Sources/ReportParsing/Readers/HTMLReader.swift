/// Reads a web page: charset, markup, tables expanded into grids → text.
public enum HTMLReader {
    /// A page read as text, with its charset and the bytes that charset could not decode.
    public struct Page: Sendable, Equatable {
        public var text: String
        public var encoding: String
        public var undecodableBytes: Int
    }

    /// What reading a page gave: text, or why it is not a report (with the charset, when it was found).
    public enum Result: Sendable, Equatable {
        case text(Page)
        case rejected(reason: String, encoding: String?)
    }

    /// Pages with more text than this are not annual reports (real ones have well under 1 MB of text); reading
    /// stops there, so absurd files end in bounded time.
    static let textLimit = 4 << 20

    /// The page's text, or why it is not a report (an empty application shell, an attachment link only).
    public static func read(_ bytes: [UInt8]) -> ReaderOutput {
        switch page(bytes) {
        case .text(let page): .text(page.text, encoding: page.encoding)
        case .rejected(let reason, _): .rejected(reason: reason)
        }
    }

    /// The page's text with its charset, or why it is not a report.
    public static func page(_ bytes: [UInt8]) -> Result {
        // Valid UTF-8 without a byte-order mark is read as it is, without first copying it into a String.
        if let plain = bytes.withUnsafeBufferPointer({ b -> Result? in
            HTMLCharset.isPlainUTF8(b) ? page(b, encoding: "utf-8", undecodableBytes: 0, source: bytes) : nil
        }) {
            return plain
        }
        let decoded = HTMLCharset.decode(bytes)
        var text = decoded.text
        return text.withUTF8 {
            page($0, encoding: decoded.encoding, undecodableBytes: decoded.undecodableBytes, source: bytes)
        }
    }

    /// The page's text from its UTF-8 decoding `utf8`; `source` is the file as it came.
    static func page(_ utf8: UnsafeBufferPointer<UInt8>, encoding: String, undecodableBytes: Int,
                     source: [UInt8]) -> Result {
        var extractor = HTMLTextExtractor()
        guard extractor.run(utf8, textLimit: textLimit) else {
            return .rejected(reason: "网页中的文字超过\(textLimit >> 20) MB，远超年度报告的篇幅，不是可读取的年度报告",
                             encoding: encoding)
        }
        let out = String(decoding: HTMLPageCheck.droppingBreadcrumbs(extractor.finish()), as: UTF8.self)
        if let reason = HTMLPageCheck.problem(text: out, extractor: extractor, source: source) {
            return .rejected(reason: reason, encoding: encoding)
        }
        return .text(Page(text: out, encoding: encoding, undecodableBytes: undecodableBytes))
    }
}
