/// Reads a Word (Office Open XML) document: `word/document.xml` → paragraphs and table grids as text.
enum DOCXReader {
    /// The document's text, or why it cannot be read.
    static func read(_ bytes: [UInt8]) -> ReaderOutput {
        .rejected(reason: "暂不支持读取Word（DOCX）文件")
    }
}
