import ReportModel

/// Finds the title, body, years, publication date and section headings in a report's lines.
enum OutlineReader {
    /// Phrases that end a report title; removed, with the year, to leave the issuing body.
    static let titlePhrases = ["政府信息公开工作年度报告", "政府信息公开年度报告", "年度政府信息公开工作报告",
                               "政府信息公开工作报告", "政府信息公开工作年报", "政府信息公开年报", "信息公开工作年度报告",
                               "信息公开年度报告"]

    static func read(_ lines: [SourceLine]) -> DocumentOutline {
        var outline = DocumentOutline()
        findHeadings(lines, into: &outline)
        findTitle(lines, into: &outline)
        findYears(lines, into: &outline)
        outline.published = findDate(lines, outline: outline)
        return outline
    }

    // MARK: Sections

    /// Keywords (in key form) that identify each statutory section heading.
    static func section(forHeadingKey key: String) -> SectionKey? {
        if key.containsBytes("总体情况") || key.containsBytes("工作概况") || key == "概述" { return .s1 }
        if key.containsBytes("主动公开政府信息") || (key.containsBytes("主动公开") && key.containsBytes("情况") && key.unicodeScalars.count <= 14) {
            return .s2
        }
        if key.containsBytes("收到和处理") || key.containsBytes("处理政府信息公开申请") || key.containsBytes("依申请公开情况") || key.containsBytes("依申请公开政府信息") { return .s3 }
        if key.containsBytes("行政复议") && key.containsBytes("诉讼") { return .s4 }
        if key.containsBytes("存在的主要问题") || key.containsBytes("主要问题及") || key.containsBytes("存在问题") || key.containsBytes("问题及改进") {
            return .s5
        }
        if key.containsBytes("其他需要报告") || key.containsBytes("其他需要说明") || key.containsBytes("其他事项") { return .s6 }
        return nil
    }

    /// A heading line starts with a Chinese numeral and a mark ("一、", "六."), or "第一部分"; returns the key after it.
    ///
    /// The line's visible folded scalars are collected on the stack. When they are all plain (`isPlain`), the
    /// numbering is read from them and the key after it is cut from the line's key: the numbering's key characters
    /// (第, the numerals, 部分) are the key's first ones, three bytes each.
    static func headingKey(_ line: SourceLine) -> String? {
        guard mayNumberHeading(line) else { return nil }
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(line.scalarCount, 1)) { buffer in
            var count = 0
            var plain = true
            CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
                line.document.utf8.withUnsafeBufferPointer { b in
                    var i = line.utf8Range.lowerBound
                    let end = line.utf8Range.upperBound
                    while i < end && count < buffer.count {
                        let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                        let f = CharacterFolding.fold(s, simplified: simplified)
                        if CharacterFolding.isSpaceScalar(f) { continue }
                        if !isPlain(f) { plain = false }
                        buffer.initializeElement(at: count, to: f)
                        count += 1
                    }
                }
            }
            let visible = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
            defer { _ = buffer.baseAddress!.deinitialize(count: count) }
            guard plain else { return characterHeadingKey(line) }
            guard let numbering = plainNumberingKeyCharacters(visible) else { return nil }
            return line.document.keys.withUnsafeBufferPointer { keys in
                // The key after the numbering, cut to 40 scalars (one per key character).
                let start = line.keyRange.lowerBound + 3 * numbering
                guard start < line.keyRange.upperBound else { return nil }
                var end = start, scalars = 0
                while end < line.keyRange.upperBound {
                    if keys[end] & 0xC0 != 0x80 {
                        if scalars == 40 { break }
                        scalars += 1
                    }
                    end += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: keys[start..<end]), as: UTF8.self)
            }
        }
    }

    /// `headingKey` by characters, for lines with scalars that are not plain.
    static func characterHeadingKey(_ line: SourceLine) -> String? {
        let compact = line.compact
        var s = Substring(compact)
        while s.first == "#" || s.first == "*" { s = s.dropFirst() }
        var n = 0
        if s.hasPrefix("第") {
            let rest = s.dropFirst()
            let digits = rest.prefix { numerals.contains($0) }
            guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix("部分") else { return nil }
            s = rest.dropFirst(digits.count + 2)
            n = 1
        } else {
            let digits = s.prefix { numerals.contains($0) }
            guard !digits.isEmpty, digits.count <= 2 else { return nil }
            s = s.dropFirst(digits.count)
            guard let mark = s.first, "、.,，．:：".contains(mark) else { return nil }
            s = s.dropFirst()
            n = 1
        }
        guard n > 0 else { return nil }
        let key = CharacterFolding.key(s)
        // A heading is short; a long line is a paragraph that happens to start with "一、".
        guard !key.isEmpty else { return nil }
        // Keys hold ideographs, letters and digits only, one scalar per character: counting and cutting scalars
        // gives the same result as counting characters, without grapheme breaking.
        return String(key.unicodeScalars.prefix(40))
    }

    /// The numbering at the start of visible plain scalars ("#" and "*", then 第…部分 or one or two numerals and a
    /// mark), as the number of key characters it holds; nil when the scalars do not start with one.
    static func plainNumberingKeyCharacters(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        func isNumeral(_ u: Unicode.Scalar) -> Bool {
            switch u {
            case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
            default: false
            }
        }
        var p = 0
        while p < s.count && (s[p] == "#" || s[p] == "*") { p += 1 }
        if p < s.count && s[p] == "第" {
            let rest = p + 1
            var d = rest
            while d < s.count && isNumeral(s[d]) { d += 1 }
            guard d > rest, d + 1 < s.count, s[d] == "部", s[d + 1] == "分" else { return nil }
            return 1 + (d - rest) + 2
        }
        var d = p
        while d < s.count && isNumeral(s[d]) { d += 1 }
        guard d > p, d - p <= 2, d < s.count else { return nil }
        switch s[d] {
        case "、", ".", ",", "，", "．", ":", "：": return d - p
        default: return nil
        }
    }

    /// True when every scalar is a character of its own that no other scalar sequence spells (`isPlainScalarText`).
    static func isPlainScalars<C: Collection<Unicode.Scalar>>(_ scalars: C) -> Bool {
        for u in scalars where !isPlain(u) { return false }
        return true
    }

    /// Printable ASCII, CJK ideographs, CJK punctuation (without the tone marks), general punctuation, full-width forms.
    @inline(__always)
    static func isPlain(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v >= 0x20 && v <= 0x7E) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
            || (v >= 0x3000 && v <= 0x3029) || (v >= 0x3030 && v <= 0x303F) || (v >= 0x2010 && v <= 0x2027)
            || (v >= 0xFF01 && v <= 0xFF5E)
    }

    /// Cheap necessary condition for `headingKey`, on the folded scalars with white space skipped: after any `#` and
    /// `*`, either 第 or numerals followed by one of the heading marks. Paragraphs that start with a numeral
    /// ("二是进一步…") are turned away here without building their compact text.
    static func mayNumberHeading(_ line: SourceLine) -> Bool {
        CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in line.document.utf8.withUnsafeBufferPointer { b in
            var numerals = 0
            var i = line.utf8Range.lowerBound
            let end = line.utf8Range.upperBound
            while i < end {
                let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                let f = CharacterFolding.fold(s, simplified: simplified)
                if CharacterFolding.isSpaceScalar(f) { continue }
                if numerals == 0 && (f == "#" || f == "*") { continue }
                if numerals == 0 && f == "第" { return true }
                switch f {
                case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十":
                    numerals += 1
                case "、", ".", ",", "，", "．", ":", "：":
                    return numerals > 0
                default:
                    return false
                }
            }
            return false
        } }
    }

    /// The Chinese numerals that number section headings.
    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Cheap test before `headingKey`: the first visible character is a numeral, 第, # or *.
    static func mayBeHeading(_ line: SourceLine) -> Bool {
        line.document.utf8.withUnsafeBufferPointer { b in
            var i = line.utf8Range.lowerBound
            let end = line.utf8Range.upperBound
            while i < end {
                let s = UTF8Scalar.decode(b, at: &i)
                switch s {
                case 0x20, 0x09, 0x3000, 0xFEFF, 0xA0: continue
                // 一 二 三 四 五 六 七 八 九 十 第 # * ＃
                case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x7B2C, 0x23, 0x2A,
                     0xFF03: return true
                default: return false
                }
            }
            return false
        }
    }

    /// Key bytes of the markers of a pre-2019 layout.
    static let legacyMarkers = ["依申请公开政府信息情况", "依申请公开的情况", "收费及减免"].map { Array($0.utf8) }

    /// The indices, in order and each once, of the lines whose own key contains `needle`: the document's keys
    /// are searched as one run of bytes, and a match counts for the line whose key holds all of it.
    static func linesWhoseKey(_ lines: [SourceLine], contains needle: [UInt8]) -> [Int] {
        guard let document = lines.first?.document else { return [] }
        var found: [Int] = []
        document.keys.withUnsafeBufferPointer { keys in
            needle.withUnsafeBufferPointer { n in
                var from = 0, line = 0
                while let at = ByteSearch.find(n, in: keys, from: from) {
                    while line < lines.count && lines[line].keyRange.upperBound <= at { line += 1 }
                    if line < lines.count, at + n.count <= lines[line].keyRange.upperBound, found.last != line {
                        found.append(line)
                    }
                    from = at + 1
                }
            }
        }
        return found
    }

    static func findHeadings(_ lines: [SourceLine], into outline: inout DocumentOutline) {
        var last = -1
        // Lines whose key holds a marker of the old layout (both 依申请公开… markers start with 依申请公开), found
        // by searching all keys at once.
        var marked = legacyMarkers.flatMap { linesWhoseKey(lines, contains: $0) }
        marked.sort()
        var previous = -1
        for i in marked where i != previous {
            outline.legacyMarkers += 1
            previous = i
        }
        for (i, line) in lines.enumerated() {
            guard line.keyByteCount <= 180, mayBeHeading(line), let hk = headingKey(line) else { continue }
            // Long heading lines carry text after the heading; judge by the first words only.
            let probe = hk.unicodeScalars.count > 24 ? String(hk.unicodeScalars.prefix(24)) : hk
            guard let section = section(forHeadingKey: probe) else { continue }
            let order = SectionKey.allCases.firstIndex(of: section)!
            if order > last {
                outline.headings.append((section, i))
                last = order
            }
        }
    }

    // MARK: Title and body

    /// Words looked for in line keys, as UTF-8 bytes.
    enum Words {
        static let report = Array("报告".utf8)
        static let annualReport = Array("年报".utf8)
        static let disclosure = Array("信息公开".utf8)
        static let januaryFirst = Array("1月1日".utf8)
        static let year = Array("年".utf8)
    }

    static func findTitle(_ lines: [SourceLine], into outline: inout DocumentOutline) {
        let firstHeading = outline.headings.first?.line ?? lines.count
        var seen = 0
        for (i, line) in lines.enumerated() where i < firstHeading {
            if line.keyRange.isEmpty { continue }
            seen += 1
            if seen > 15 { break }
            guard line.keyContains(Words.report) || line.keyContains(Words.annualReport), line.keyContains(Words.disclosure),
                  line.keyScalarCount <= 60 else { continue }
            var parts = [line.compact]
            var printed = [line.printedCompact]
            // A title printed over two or three lines ("淮安市人民政府" / "2024年政府信息公开工作年度报告").
            if body(fromTitle: parts[0]) == nil {
                var j = i - 1
                while j >= 0, parts.count < 3 {
                    let prev = lines[j]
                    if prev.keyRange.isEmpty { j -= 1; continue }
                    let c = prev.compact
                    if prev.keyScalarCount > 30 || c.containsBytes("。") || c.containsBytes("，") { break }
                    parts.insert(c, at: 0)
                    printed.insert(prev.printedCompact, at: 0)
                    j -= 1
                    if body(fromTitle: parts.joined()) != nil { break }
                }
            }
            // The title as printed; the body from its folded form (simplified characters, half-width digits).
            let title = parts.joined()
            outline.title = printed.joined()
            outline.body = body(fromTitle: title)
            outline.titleYear = firstYear(in: title)
            return
        }
    }

    /// The issuing body: the title without its year and the report phrase.
    static func body(fromTitle title: String) -> String? {
        // Taiwan-style vocabulary (資訊 for 信息) in converted pages.
        var t = title.containsBytes("资讯") ? title.replacingAll("资讯", with: "信息") : title
        if isPlainScalarText(t) {
            // One scalar per character and no two spellings of one character: comparing bytes finds the same range.
            for p in titlePhrases {
                if let r = byteRange(of: p, in: t) {
                    t.removeSubrange(r)
                    break
                }
            }
        } else {
            for p in titlePhrases {
                if let r = t.firstRange(of: p) {
                    t.removeSubrange(r)
                    break
                }
            }
        }
        t = removingYear(t)
        let trim = titleTrim
        while let f = t.first, trim.contains(f) { t.removeFirst() }
        while let l = t.last, trim.contains(l) { t.removeLast() }
        if t.hasPrefix("关于") { t.removeFirst(2) }
        if t.hasSuffix("的") { t.removeLast() }
        guard t.unicodeScalars.contains(where: CharacterFolding.isIdeograph), t.count <= 40 else { return nil }
        return t
    }

    /// True when every scalar is a character of its own that no other scalar sequence spells: printable ASCII, CJK
    /// ideographs, CJK punctuation (without the tone marks), general punctuation and full-width forms. Searching
    /// such text by bytes gives what searching it by characters gives.
    static func isPlainScalarText(_ s: String) -> Bool {
        isPlainScalars(s.unicodeScalars)
    }

    /// The range of the first occurrence of `needle`'s bytes in `s`.
    static func byteRange(of needle: String, in s: String) -> Range<String.Index>? {
        let h = Array(s.utf8), n = Array(needle.utf8)
        guard let offset = h.withUnsafeBufferPointer({ h in n.withUnsafeBufferPointer { n in ByteSearch.find(n, in: h, from: 0) } })
        else { return nil }
        let lo = s.utf8.index(s.utf8.startIndex, offsetBy: offset)
        return lo..<s.utf8.index(lo, offsetBy: n.count)
    }

    /// Punctuation trimmed from both ends of the issuing body.
    static let titleTrim: Set<Character> = ["《", "》", "“", "”", "\"", "(", ")", "（", "）", "·", "—", "-", ":", "：", " "]

    /// Removes "2020年", "2020年度" and Chinese-numeral years ("二〇二〇年").
    static func removingYear(_ s: String) -> String {
        // Text of plain scalars (one character each) is read by scalars.
        if isPlainScalarText(s) {
            let u = Array(s.unicodeScalars)
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(u.count)
            var i = 0
            while i < u.count {
                if let (_, len) = plainYearAt(u, i) {
                    i += len
                    if i < u.count, u[i] == "年" { i += 1 }
                    if i < u.count, u[i] == "度" { i += 1 }
                    continue
                }
                out.append(u[i])
                i += 1
            }
            return CharacterFolding.string(out)
        }
        let chars = Array(s)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if let (_, len) = yearAt(chars, i) {
                i += len
                if i < chars.count, chars[i] == "年" { i += 1 }
                if i < chars.count, chars[i] == "度" { i += 1 }
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    static let chineseDigits: [Character: Int] = ["〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                                                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// The value of one digit of a year: ASCII or full-width Arabic, or a Chinese numeral (〇 to 九).
    @inline(__always)
    static func yearDigit(_ c: Character) -> Int? {
        if let d = c.wholeNumberValue, c.isASCII || c.unicodeScalars.first!.value >= 0xFF10 { return d }
        return chineseDigits[c]
    }

    /// A four-digit year (Arabic or Chinese numerals) starting at i and followed by 年: the year and how far after
    /// `i` its 年 is.
    static func yearAt(_ chars: [Character], _ i: Int) -> (Int, Int)? {
        yearAt(chars, i, digit: yearDigit, isNumber: { $0.isNumber })
    }

    /// `yearAt(chars, i)` over characters or scalars, with their digit value and numeric test.
    @inline(__always)
    static func yearAt<C: RandomAccessCollection>(_ u: C, _ i: Int, digit: (C.Element) -> Int?,
                                                  isNumber: (C.Element) -> Bool) -> (Int, Int)?
    where C.Index == Int, C.Element: Equatable & ExpressibleByUnicodeScalarLiteral {
        guard i + 4 <= u.count else { return nil }
        var value = 0, j = i, digits = 0
        while j < u.count, digits < 4 {
            let c = u[j]
            if let d = digit(c) {
                value = value * 10 + d
            } else if c == " " {
                j += 1
                continue
            } else {
                return nil
            }
            digits += 1
            j += 1
        }
        while j < u.count, u[j] == " " { j += 1 }
        guard digits == 4, j < u.count, u[j] == "年", (1990...2100).contains(value) else { return nil }
        if i > 0, isNumber(u[i - 1]) { return nil }
        return (value, j - i)
    }

    /// The first year ("2020年") in a string.
    static func firstYear(in s: String) -> Int? {
        // A short text of plain scalars (one character each) is read by scalars.
        if s.utf8.count <= 240 && isPlainScalarText(s) {
            let u = Array(s.unicodeScalars)
            for i in u.indices {
                if let (year, _) = plainYearAt(u, i) { return year }
            }
            return nil
        }
        // Walks the characters without collecting them all: the year is usually near the start of a long paragraph.
        var previous: Character?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if mayStartYear(c), let y = yearAt(s, i, previous: previous) { return y }
            previous = c
            i = s.index(after: i)
        }
        return nil
    }

    /// `firstYear(in: line.compact)`: when the line's visible folded scalars are all plain (one character each),
    /// they are read on the stack without making the compact text.
    static func firstYear(in line: SourceLine) -> Int? {
        let found: Int?? = withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(line.scalarCount, 1)) {
            buffer in
            var count = 0
            var plain = true
            CharacterFolding.simplifiedTable.withUnsafeBufferPointer { simplified in
                line.document.utf8.withUnsafeBufferPointer { b in
                    var i = line.utf8Range.lowerBound
                    let end = line.utf8Range.upperBound
                    while i < end && count < buffer.count {
                        let s = unsafeBitCast(UTF8Scalar.decode(b, at: &i), to: Unicode.Scalar.self)
                        let f = CharacterFolding.fold(s, simplified: simplified)
                        if CharacterFolding.isSpaceScalar(f) { continue }
                        if !isPlain(f) { plain = false }
                        buffer.initializeElement(at: count, to: f)
                        count += 1
                    }
                }
            }
            guard plain else { return nil }
            let visible = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
            for i in 0..<count {
                if let (year, _) = plainYearAt(visible, i) { return .some(year) }
            }
            return .some(nil)
        }
        if let found { return found }
        return firstYear(in: line.compact)
    }

    /// `yearAt` over a string's characters from index `i`, `previous` being the character before it.
    static func yearAt(_ s: String, _ i: String.Index, previous: Character?) -> Int? {
        guard s.index(i, offsetBy: 4, limitedBy: s.endIndex) != nil else { return nil }
        var value = 0
        var j = i
        var digits = 0
        while j < s.endIndex, digits < 4 {
            let c = s[j]
            if let d = yearDigit(c) {
                value = value * 10 + d
            } else if c == " " {
                j = s.index(after: j)
                continue
            } else {
                return nil
            }
            digits += 1
            j = s.index(after: j)
        }
        while j < s.endIndex, s[j] == " " { j = s.index(after: j) }
        guard digits == 4, j < s.endIndex, s[j] == "年", (1990...2100).contains(value) else { return nil }
        if let previous, previous.isNumber { return nil }
        return value
    }

    /// Cheap necessary condition for `yearAt` to match at a character: ASCII only as a digit or a space, a main-block
    /// ideograph only as a Chinese digit; anything else is left to `yearAt`.
    @inline(__always)
    static func mayStartYear(_ c: Character) -> Bool {
        let v = c.unicodeScalars.first!.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || v == 0x20 }
        if v >= 0x4E00 && v <= 0x9FFF {
            switch v {
            case 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D: return true  // 零一二三四五六七八九
            default: return false
            }
        }
        return true
    }

    // MARK: Years and date

    static func findYears(_ lines: [SourceLine], into outline: inout DocumentOutline) {
        let limit = min(lines.count, 400)
        for i in linesWhoseKey(lines, contains: Words.januaryFirst) where i < limit && outline.periodYear == nil {
            let c = lines[i].compact
            // 统计期限自2020年1月1日起至2020年12月31日止
            if let r = c.firstRange(of: "12月31日") {
                let before = Array(c[..<r.lowerBound])
                if before.count >= 5, before.last == "年",
                   let y = Int(String(before[(before.count - 5)..<(before.count - 1)])), (1990...2100).contains(y) {
                    outline.periodYear = y
                }
            }
        }
        if let s1 = outline.range(of: .s1, lineCount: lines.count) {
            for line in lines[s1].prefix(12) {
                if line.keyContains(Words.year), let y = firstYear(in: line) {
                    outline.textYear = y
                    break
                }
            }
        }
    }

    /// A line that is only a date (optionally after the body's name), at the top or the bottom of the document.
    static func findDate(_ lines: [SourceLine], outline: DocumentOutline) -> String? {
        // The last six lines with a key, from the end, then the first six.
        var candidates: [Int] = []
        candidates.reserveCapacity(12)
        var i = lines.count - 1
        while i >= 0 && candidates.count < 6 {
            if !lines[i].keyRange.isEmpty { candidates.append(i) }
            i -= 1
        }
        var first = 0
        i = 0
        while i < lines.count && first < 6 {
            if !lines[i].keyRange.isEmpty {
                candidates.append(i)
                first += 1
            }
            i += 1
        }
        for i in candidates {
            guard lines[i].keyContains(Words.year) || lines[i].contains(ascii: 0x2D) else { continue }
            // More than 40 key characters are more than 40 visible scalars and more than 40 characters.
            if lines[i].keyScalarCount > 40 { continue }
            // At most 40 characters. Plain text has one per visible folded scalar, so a long plain line is passed over
            // before its compact text is built; other text is counted by characters, only as far as the 41st.
            let (visible, plain) = lines[i].visibleFoldedScalars()
            if plain && visible > 40 { continue }
            var c = lines[i].compact
            if !plain {
                guard c.dropFirst(40).isEmpty else { continue }
            }
            if let b = outline.body, c.hasPrefix(b) { c.removeFirst(b.count) }
            if let d = isoDate(c) { return d }
        }
        return nil
    }

    /// "2021年1月15日" or "2021-01-15" (the whole string) as ISO yyyy-mm-dd.
    static func isoDate(_ s: String) -> String? {
        // Text of plain scalars (one character each) is read by scalars, without breaking it into characters.
        if isPlainScalarText(s) {
            let u = Array(s.unicodeScalars)
            if let (year, len) = plainYearAt(u, 0) {
                let rest = u[(len + 1)...]
                guard let mr = rest.firstIndex(of: "月") else { return nil }
                let month = number(CharacterFolding.string(rest[..<mr]))
                let afterMonth = rest[(mr + 1)...]
                guard let dr = afterMonth.firstIndex(of: "日"), dr + 1 == afterMonth.endIndex else { return nil }
                let day = number(CharacterFolding.string(afterMonth[..<dr]))
                guard let m = month, let d = day, (1...12).contains(m), (1...31).contains(d) else { return nil }
                return format(year, m, d)
            }
        }
        let chars = Array(s)
        guard let (year, len) = yearAt(chars, 0) else {
            let parts = s.split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1990...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
            return format(y, m, d)
        }
        var rest = String(chars[(len + 1)...])
        guard let mr = rest.firstIndex(of: "月") else { return nil }
        let month = number(String(rest[..<mr]))
        rest = String(rest[rest.index(after: mr)...])
        guard let dr = rest.firstIndex(of: "日"), rest.index(after: dr) == rest.endIndex else { return nil }
        let day = number(String(rest[..<dr]))
        guard let m = month, let d = day, (1...12).contains(m), (1...31).contains(d) else { return nil }
        return format(year, m, d)
    }

    /// `yearAt(chars, i)` for plain scalars (`isPlain`), each one character: the year and how far after `i` its
    /// 年 is.
    static func plainYearAt<C: RandomAccessCollection<Unicode.Scalar>>(_ u: C, _ i: Int) -> (Int, Int)?
    where C.Index == Int {
        // Character.isNumber is the first scalar's numeric type.
        yearAt(u, i, digit: plainYearDigit, isNumber: { $0.properties.numericType != nil })
    }

    /// `yearDigit` for a plain scalar: an ASCII or full-width digit, or a Chinese numeral of `chineseDigits`.
    @inline(__always)
    static func plainYearDigit(_ c: Unicode.Scalar) -> Int? {
        switch c.value {
        case 0x30...0x39: return Int(c.value - 0x30)
        case 0xFF10...0xFF19: return Int(c.value - 0xFF10)
        case 0x3007, 0x96F6, 0x25CB, 0xFF2F: return 0  // 〇 零 ○ Ｏ
        case 0x4E00: return 1
        case 0x4E8C: return 2
        case 0x4E09: return 3
        case 0x56DB: return 4
        case 0x4E94: return 5
        case 0x516D: return 6
        case 0x4E03: return 7
        case 0x516B: return 8
        case 0x4E5D: return 9
        default: return nil
        }
    }

    static func number(_ s: String) -> Int? {
        if let n = Int(s) { return n }
        // 一月, 十二月, 二十五日
        var total = 0, current = 0
        for c in s {
            if c == "十" {
                total += max(current, 1) * 10
                current = 0
            } else if let d = chineseDigits[c] {
                current = d
            } else {
                return nil
            }
        }
        let n = total + current
        return n > 0 ? n : nil
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
