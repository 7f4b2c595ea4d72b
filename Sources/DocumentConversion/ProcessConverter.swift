public import ReportParsing

/// Converts PDF (poppler's `pdftotext`) and legacy Word (antiword, then catdoc) by running the tool as a child
/// process with a time limit and an output limit.
///
/// The document is written to a private temporary file (mode 0600, removed afterwards) because the tools read
/// files, not pipes; the tool runs without a shell, in its own process group, which is killed on timeout.
public struct ProcessConverter: DocumentConverter {
    /// `pdftotext` (poppler-utils); a bare name is looked up on `PATH`.
    public var pdftotext: String
    /// Legacy Word converters, tried in order; the first one installed that succeeds wins.
    public var docConverters: [String]
    /// Wall-clock limit for one conversion; a timeout is a temporary failure (the machine may be loaded).
    public var timeout: Duration
    /// Converted text larger than this is refused.
    public var outputLimit: Int
    /// Where the temporary copy of the document is written; `$TMPDIR` or `/tmp` when nil.
    public var temporaryDirectory: String?

    public init(pdftotext: String = "pdftotext", docConverters: [String] = ["antiword", "catdoc"],
                timeout: Duration = .seconds(60), outputLimit: Int = 32 << 20, temporaryDirectory: String? = nil) {
        self.pdftotext = pdftotext
        self.docConverters = docConverters
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.temporaryDirectory = temporaryDirectory
    }

    /// A PDF whose text has fewer visible characters than this per page has no usable text layer.
    static let minimumCharactersPerPage = 20

    public func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult {
        switch format {
        case .pdf: pdf(bytes)
        case .doc: doc(bytes)
        default: .failed(reason: "无法转换\(format.rawValue)格式", permanent: true)
        }
    }

    private func pdf(_ bytes: [UInt8]) -> ConversionResult {
        guard let tool = ChildProcess.find(pdftotext, path: ChildProcess.environmentValue("PATH")) else {
            return .failed(reason: "没有安装PDF转换程序pdftotext，无法读取PDF文件（请安装：apt-get install poppler-utils）",
                           permanent: true)
        }
        return withTemporaryFile(bytes, suffix: ".pdf") { path in
            switch run(tool, ["-layout", "-enc", "UTF-8", path, "-"]) {
            case .success(let output):
                let text = String(decoding: output, as: UTF8.self)
                if Self.lacksTextLayer(text) {
                    return .failed(reason: "PDF没有文字层（可能是扫描件），需要先进行OCR文字识别", permanent: true)
                }
                return .text(text)
            case .failure(let failure):
                return failure.result(tool: "pdftotext", document: "PDF")
            }
        }
    }

    private func doc(_ bytes: [UInt8]) -> ConversionResult {
        let path = ChildProcess.environmentValue("PATH")
        let tools = docConverters.compactMap { name in ChildProcess.find(name, path: path).map { (name, $0) } }
        guard !tools.isEmpty else {
            return .failed(reason: "没有安装读取Word 97–2003（DOC）文件的程序（请安装：apt-get install antiword catdoc），无法读取此文件",
                           permanent: true)
        }
        return withTemporaryFile(bytes, suffix: ".doc") { file in
            var last = ConversionResult.failed(reason: "Word 97–2003（DOC）文件无法转换", permanent: true)
            for (name, tool) in tools {
                let arguments = name == "catdoc" ? ["-d", "utf-8", "-w", file] : name == "antiword" ? ["-m", "UTF-8.txt", "-w", "0", file] : [file]
                switch run(tool, arguments) {
                case .success(let output):
                    let text = String(decoding: output, as: UTF8.self)
                    if text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return .text(text) }
                    last = .failed(reason: "Word 97–2003（DOC）文件中没有读到文字", permanent: true)
                case .failure(let failure):
                    last = failure.result(tool: name, document: "Word 97–2003（DOC）")
                    if case .failed(_, permanent: false) = last { return last }
                }
            }
            return last
        }
    }

    /// Why a converter run gave no text.
    enum RunFailure: Error {
        case exited(Int32, String)
        case timedOut(Duration)
        case outputTooLarge(Int)
        case notStarted(Int32)

        func result(tool: String, document: String) -> ConversionResult {
            switch self {
            case .exited(let status, let message):
                let detail = message.isEmpty ? "" : "：\(message)"
                return .failed(reason: "\(document)文件无法转换，\(tool)退出码\(status)\(detail)", permanent: true)
            case .timedOut(let limit):
                return .failed(reason: "\(document)文件转换超时（\(tool)超过\(limit.components.seconds)秒未完成），稍后重试",
                               permanent: false)
            case .outputTooLarge(let limit):
                return .failed(reason: "\(document)文件转换后的文字超过\(limit >> 20) MiB，已拒绝", permanent: true)
            case .notStarted(let code):
                return .failed(reason: "无法启动\(tool)（错误码\(code)）", permanent: false)
            }
        }
    }

    /// Runs one tool with this converter's limits; its standard output on exit status 0.
    func run(_ tool: String, _ arguments: [String]) -> Result<[UInt8], RunFailure> {
        let child = ChildProcess(executable: tool, arguments: arguments, timeout: timeout, outputLimit: outputLimit)
        switch child.run() {
        case .exited(0, let stdout, _):
            return .success(stdout)
        case .exited(let status, _, let stderr):
            let message = String(decoding: stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) } ?? ""
            return .failure(.exited(status, message))
        case .timedOut:
            return .failure(.timedOut(timeout))
        case .outputTooLarge:
            return .failure(.outputTooLarge(outputLimit))
        case .notStarted(let code):
            return .failure(.notStarted(code))
        }
    }

    private func withTemporaryFile(_ bytes: [UInt8], suffix: String,
                                   _ body: (String) -> ConversionResult) -> ConversionResult {
        let directory = temporaryDirectory ?? ChildProcess.environmentValue("TMPDIR") ?? "/tmp"
        guard let path = ChildProcess.writeTemporaryFile(bytes, directory: directory, suffix: suffix) else {
            return .failed(reason: "无法写入临时文件（\(directory)），稍后重试", permanent: false)
        }
        defer { ChildProcess.remove(path) }
        return body(path)
    }

    /// True when the text has almost no visible characters for its number of pages (pdftotext ends each page
    /// with a form feed).
    static func lacksTextLayer(_ text: String) -> Bool {
        var pages = 0
        var visible = 0
        for scalar in text.unicodeScalars {
            if scalar == "\u{0C}" {
                pages += 1
            } else if !scalar.properties.isWhitespace {
                visible += 1
            }
        }
        return visible < minimumCharactersPerPage * max(pages, 1)
    }
}
