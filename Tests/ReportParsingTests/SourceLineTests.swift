import Testing
@testable import ReportParsing

@Suite("SourceLine")
struct SourceLineTests {
    /// Text with every kind of line break, full-width and traditional characters, odd spaces and prose.
    static let sample = "一、總體情况\r\n2020年資訊公開\n\n（一）１２３ ｜ 檔案\u{000C}  第 4 页 \r"
        + "\u{3000}規章\t0\t0\t73\u{2028}本年度未收到申请。\u{0085}- 4 -\u{2029}Ａｂｃ\u{00A0}〇\u{3400}𠀀 end"

    @Test("lines break on LF, CR LF, CR, form feed, U+0085, U+2028 and U+2029")
    func lineBreaks() {
        let lines = SourceLine.split(Self.sample)
        #expect(lines.map(\.text) == ["一、總體情况", "2020年資訊公開", "", "（一）１２３ ｜ 檔案", "  第 4 页 ",
                                      "\u{3000}規章\t0\t0\t73", "本年度未收到申请。", "- 4 -", "Ａｂｃ\u{00A0}〇\u{3400}𠀀 end"])
        #expect(lines.map(\.number) == Array(1...9))
    }

    @Test("keys, folded scalars and trimmed text agree with CharacterFolding on the whole text")
    func agreesWithCharacterFolding() {
        for line in SourceLine.split(Self.sample) {
            let raw = Array(line.text.unicodeScalars)
            #expect(line.raw == raw)
            #expect(line.folded == raw.map { CharacterFolding.fold($0) })
            #expect(line.key == CharacterFolding.key(line.text))
            #expect(line.keyByteCount == line.key.utf8.count)
            #expect(line.trimmed == CellReader.trimmed(line.text))
            #expect(line.compact == CharacterFolding.compact(line.text))
            #expect(Array(line.raw[line.trimmedRange]) == Array(line.trimmed.unicodeScalars))
        }
    }

    @Test("vocabulary of converted pages is folded in keys: 資訊 → 信息, 檔案 → 文件")
    func vocabulary() {
        let lines = SourceLine.split(Self.sample)
        #expect(lines[1].key == "2020年信息公开")
        #expect(lines[3].key == "一123文件")
    }

    @Test("the keys of consecutive lines lie back to back in the document's keys")
    func joinedKeys() {
        let lines = SourceLine.split(Self.sample)
        let joined = String(decoding: lines[0].document.keys[lines[0].keyRange.lowerBound..<lines[3].keyRange.upperBound],
                            as: UTF8.self)
        #expect(joined == lines[0...3].map(\.key).joined())
    }

    @Test("page numbers and blank lines")
    func pageNumbersAndBlanks() {
        let lines = SourceLine.split(Self.sample)
        #expect(lines[4].isPageNumber)
        #expect(lines[7].isPageNumber)
        #expect(!lines[5].isPageNumber)
        #expect(lines[2].isBlank)
        #expect(SourceLine.split("\u{3000} \u{2003}\n").first?.isBlank == true)
        #expect(!lines[6].isBlank)
    }

    @Test("prose lines and lines that fold to themselves")
    func lazyScalars() {
        let lines = SourceLine.split(Self.sample)
        #expect(!lines[0].foldsToItself)  // 總 folds to 总
        #expect(SourceLine.split("规章\t0\t0\t73").first?.foldsToItself == true)
        #expect(lines[6].raw == Array("本年度未收到申请。".unicodeScalars))
    }

    @Test("splitting counts control characters, ideographs and scalars as TextSanity does")
    func sanityCounts() {
        let texts = [Self.sample, "", "\u{0}\u{7}\t\r\n\u{7F}\u{80}\u{9F}\u{A0}〇㐀䶿䷀一鿿", "abc\r\n\r\r\n\u{0085}x"]
        for text in texts {
            var counts = TextSanity.Counts()
            _ = SourceLine.split(text, counting: &counts)
            var copy = text
            let expected = copy.withUTF8(TextSanity.counts)
            #expect(counts == TextSanity.Counts(control: expected.control, ideographs: expected.ideographs,
                                                total: expected.total))
        }
    }
}
