/// Reads a web page: charset, markup, tables expanded into grids → text.
enum HTMLReader {
    /// The page's text, or why it is not a report (an empty application shell, an attachment link only).
    static func read(_ bytes: [UInt8]) -> ReaderOutput {
        .rejected(reason: "暂不支持读取网页（HTML）文件")
    }
}
