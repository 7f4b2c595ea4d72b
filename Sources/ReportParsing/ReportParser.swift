public import ReportModel

/// Reads one file's bytes into a report.
///
/// The stages, each a named type: `TextDecoder` (bytes → text) → `SourceLine` (lines) → `OutlineReader` (title,
/// body, years, sections) → `TemplateDetector` (layout by labels) → `TableLine` (label and values of each line) →
/// `RowMatcher` (values to template rows) → `CellPlacement` (repair by the identities). Pure: no I/O.
/// Validation is a separate stage (`ReportValidator`).
public struct ReportParser: Sendable {
    /// Files where more than this share of bytes decode as nothing are rejected as undecodable.
    public var undecodableLimit = 0.02

    public init() {}

    /// Reads the bytes of one text file. The result always exists, even for junk (`status: rejected`).
    public func parse(_ bytes: [UInt8], fileName: String) -> Report {
        var report = Report(file: fileName, format: "txt")
        guard let decoded = TextDecoder.decode(bytes) else {
            return rejected(report, .error(RuleID.docEncoding, "无法识别文件的字符编码，文件无法读取。"))
        }
        report.encoding = decoded.encoding
        return parse(text: decoded.text, into: report, undecodableBytes: decoded.undecodableBytes, byteCount: bytes.count)
    }

    /// Reads already-decoded text (used by the readers of other formats once they have the text).
    public func parse(text: String, into base: Report, undecodableBytes: Int = 0, byteCount: Int? = nil) -> Report {
        var report = base
        let total = max(byteCount ?? text.utf8.count, 1)
        // A text of fewer than 200,000 bytes has fewer scalars than TextSanity reads, so splitting it into lines counts
        // the same; a longer one is checked first, so that junk is turned away before it is split.
        let long = text.utf8.count >= 200_000
        if long, let problem = TextSanity.problem(in: text) {
            return rejected(report, .error(RuleID.docFormat, problem))
        }
        var counts = TextSanity.Counts()
        let lines = SourceLine.split(text, counting: &counts)
        if !long, let problem = TextSanity.problem((counts.control, counts.ideographs, counts.total)) {
            return rejected(report, .error(RuleID.docFormat, problem))
        }
        if undecodableBytes > 0 {
            let share = Double(undecodableBytes) / Double(total)
            let message = "文件中有\(undecodableBytes)处字节无法按\(report.encoding ?? "")解码，已用“�”代替"
            if share > undecodableLimit {
                return rejected(report, .error(RuleID.docEncoding, message + "；无法解码的内容过多，文件无法读取。"))
            }
            report.findings.append(.error(RuleID.docEncoding, message + "，相关文字或数字可能不正确。"))
        }

        let outline = OutlineReader.read(lines)
        report.title = outline.title
        report.body = outline.body
        report.year = outline.year
        report.published = outline.published
        report.evidence = Evidence(titleYear: outline.titleYear, periodYear: outline.periodYear, textYear: outline.textYear)
        report.sections = sections(lines, outline)

        let regions = TableRegions(lines: lines, outline: outline)
        let template = TemplateDetector.detect(regions.templateEvidence)
        if template == nil && (outline.legacyMarkers > 0 || (outline.year ?? 9999) <= 2018) {
            report.template = .legacy
            return rejected(report, .error(RuleID.docFormat,
                "这是2019年以前旧版式的年度报告（\(outline.year.map { "\($0)年" } ?? "年份不详")），表格结构与现行模板不同；已保存文字，表格未提取。"))
        }
        guard outline.title != nil || outline.headings.count >= 2 || template != nil else {
            return rejected(report, .error(RuleID.docFormat,
                "不是政府信息公开工作年度报告：找不到报告标题、章节标题或统计表格。"))
        }
        report.template = template
        if let template, let definition = ReportTemplate.named(template) {
            readTables(definition, regions: regions, lines: lines, into: &report)
        } else if outline.headings.contains(where: { [.s2, .s3, .s4].contains($0.key) }) {
            report.findings.append(.error(RuleID.docFormat,
                "无法判断统计表格采用2019年版还是2021年版模板（表格标签不全），表格未提取。"))
        }
        report.status = ReportStatus.from(report.findings)
        return report
    }

    func readTables(_ definition: ReportTemplate, regions: TableRegions, lines: [SourceLine], into report: inout Report) {
        for id in TableID.allCases {
            guard let range = regions.range(of: id) else {
                report.tables[id] = Table(allMissing: definition.table(id))
                if report.sections[id.section] != nil {
                    report.findings.append(.error(RuleID.docShape(id), "找不到\(id.displayName)，其数字按缺失处理。",
                                                  at: FindingLocation(section: id.section, table: id)))
                }
                continue
            }
            let (tableLines, keys) = TableLine.read(lines[range])
            if !tableLines.contains(where: { !$0.values.isEmpty }) {
                report.tables[id] = Table(allMissing: definition.table(id))
                report.findings.append(.error(RuleID.docShape(id), "\(id.displayName)中没有读到任何数字，其数字按缺失处理。",
                                              at: FindingLocation(section: id.section, table: id)))
                continue
            }
            // The readers append their findings to the report's directly, in order.
            let table: Table
            switch id {
            case .t2: table = ProactiveTableReader.read(tableLines, keys: keys, definition: definition.t2,
                                                        template: definition.id, findings: &report.findings)
            case .t3: table = ApplicationTableReader.read(tableLines, keys: keys, definition: definition.t3,
                                                          template: definition, findings: &report.findings)
            case .t4: table = ReviewLitigationTableReader.read(tableLines, findings: &report.findings)
            }
            report.tables[id] = table
        }
    }

    /// The sections' text: each section's trimmed lines joined by newlines, copied from the text the lines were
    /// split from.
    ///
    /// Copying substrings of the text needs no validation but costs a few hundred instructions a piece; making a
    /// `String` from bytes validates them again, about ten instructions a byte. Sections of long lines are joined
    /// from substrings (a line right after a line feed brings that line feed as its separator), sections of short
    /// lines (tables) from bytes.
    func sections(_ lines: [SourceLine], _ outline: DocumentOutline) -> [SectionKey: Section] {
        var out: [SectionKey: Section] = [:]
        guard let document = lines.first?.document else { return out }
        var pieces: [Range<Int>] = []
        for (key, index) in outline.headings {
            let range = outline.range(of: key, lineCount: lines.count)!
            pieces.removeAll(keepingCapacity: true)
            var length = 0
            for line in lines[range] where !line.isPageNumber && !line.isBlank {
                let piece = line.trimmedUTF8Range
                pieces.append(piece)
                length += piece.count + 1
            }
            let text = document.utf8.withUnsafeBufferPointer { utf8 in
                if length >= 64 * pieces.count {
                    var text = ""
                    text.reserveCapacity(length)
                    for piece in pieces {
                        if text.isEmpty {
                            document.append(piece, to: &text)
                        } else if piece.lowerBound > 0 && utf8[piece.lowerBound - 1] == 0x0A {
                            document.append((piece.lowerBound - 1)..<piece.upperBound, to: &text)
                        } else {
                            text.append("\n")
                            document.append(piece, to: &text)
                        }
                    }
                    return text
                }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(length)
                for piece in pieces {
                    if !bytes.isEmpty { bytes.append(0x0A) }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[piece]))
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            out[key] = Section(heading: lines[index].trimmed, text: text)
        }
        return out
    }

    func rejected(_ report: Report, _ finding: Finding) -> Report {
        var r = report
        r.findings.append(finding)
        r.status = .rejected
        r.tables = [:]
        return r
    }
}
