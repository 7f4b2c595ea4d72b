/// Finds the statements the narrative rules compare with the tables, in one section's text.
///
/// Each reader recognises a few fixed shapes of sentence and nothing else: it would rather miss a statement
/// than misread one.
struct NarrativeReader {
    /// A number the text states, and the words that state it.
    struct Claim: Equatable {
        let value: Int64
        let quote: String
    }

    private let t: NarrativeText
    /// Where 申请 starts.
    private let applications: [Int]
    /// Where 下年 or 下一年 starts.
    private let nextYears: [Int]
    /// Where a scalar that can start "all" (已全部, 全部, 均已, 全都, 都已, 均) is.
    private let quantifierStarts: [Int]

    /// Reads the text once to find where each reader's phrases can start.
    ///
    /// The scalars are literals so that the loop is one `switch`; `NarrativeReaderTests` checks them against
    /// the phrases.
    init(_ text: NarrativeText) {
        t = text
        var applications: [Int] = []
        var nextYears: [Int] = []
        var quantifierStarts: [Int] = []
        let limit = Self.maxCandidates
        text.scalars.withUnsafeBufferPointer { s in
            let last = s.count - 1
            for i in s.indices {
                switch s[i] {
                case Self.shen:
                    if i < last, s[i + 1] == Self.qing, applications.count < limit { applications.append(i) }
                case Self.xia:
                    guard i < last, nextYears.count < limit else { continue }
                    if s[i + 1] == Self.nian || (s[i + 1] == Self.yi && i + 1 < last && s[i + 2] == Self.nian) {
                        nextYears.append(i)
                    }
                case Self.yiJing, Self.quan, Self.jun, Self.dou:
                    if quantifierStarts.count < limit { quantifierStarts.append(i) }
                default:
                    continue
                }
            }
        }
        self.applications = applications
        self.nextYears = nextYears
        self.quantifierStarts = quantifierStarts
    }

    // The first scalars of the phrases the readers look for: 申请, 下年 / 下一年, 已全部 / 全部 / 均 / 都已.
    static let shen: UInt32 = 0x7533  // 申
    static let qing: UInt32 = 0x8BF7  // 请
    static let xia: UInt32 = 0x4E0B  // 下
    static let yi: UInt32 = 0x4E00  // 一
    static let nian: UInt32 = 0x5E74  // 年
    static let yiJing: UInt32 = 0x5DF2  // 已
    static let quan: UInt32 = 0x5168  // 全
    static let jun: UInt32 = 0x5747  // 均
    static let dou: UInt32 = 0x90FD  // 都

    /// At most this many places of each kind are examined: real sections have a few dozen, and a text made
    /// of nothing else must not take long.
    static let maxCandidates = 256

    typealias P = NarrativeText.Phrase
    private static func p(_ s: String) -> P { NarrativeText.phrase(s) }

    static let application = p("申请")
    /// After 申请: 申请人, 申请书, 申请表 are not applications counted.
    private static let notCounted = ScalarSet("人书表")
    private static let receiveVerbs = ["收到", "受理", "新收", "接收", "接到"].map(p)
    private static let negations = ["没有", "未", "没"].map(p)
    /// Between the verb and 申请, words that keep the statement about information-disclosure applications.
    private static let topicWords = ["公开", "信息", "相关", "各类", "此类"].map(p)
    /// A sentence with one of these words before 申请 counts something else, or a part, or another period.
    private static let foreignWords = [
        "复议", "诉讼", "投诉", "举报", "信访", "结转", "上年", "上一年", "去年", "累计", "其中", "以来", "截至", "截止",
        "月", "季度", "不予", "建议", "提案",
    ].map(p)
    private static let countFiller = ScalarSet("共计合数量为总达是有：:")
    /// The verb stands at most this far before 申请 ("受理" + up to 16 scalars such as "依申请公开的政府信息公开").
    private static let maxVerbDistance = 18
    private static let countUnits = ScalarSet("件份")

    /// "共受理政府信息公开申请3119件", "本年度收到各类申请12件", "未收到相关申请" (0).
    func newApplications() -> [Claim] {
        var claims: [Claim] = []
        for i in applications {
            let after = i + Self.application.count
            guard !Self.notCounted.contains(t[after]) else { continue }
            // Cheap tests first: a count right after 申请, or a denial shortly before it.
            let start = t.skip(Self.countFiller, from: after, limit: 6)
            let count = t.number(at: start).flatMap { Self.countUnits.contains(t[$0.end]) ? $0 : nil }
            let reach = max(0, i - Self.maxVerbDistance)
            if count == nil, start != after || !t.contains(any: Self.negations, in: reach..<i) { continue }
            let clauseStart = t.spanStart(before: i, breaks: NarrativeText.clauseBreaks)
            guard let verb = t.last(of: Self.receiveVerbs, in: max(clauseStart, reach)..<i) else { continue }
            let between = (verb.start + verb.phrase.count)..<i
            guard between.isEmpty || t.contains(any: Self.topicWords, in: between) else { continue }
            let sentenceStart = t.spanStart(before: i, breaks: NarrativeText.sentenceBreaks)
            guard !t.contains(any: Self.foreignWords, in: sentenceStart..<i) else { continue }
            let negated = t.first(of: Self.negations, endingAt: verb.start) != nil
            if let (value, end) = count {
                if !negated { claims.append(Claim(value: value, quote: quote(clauseStart..<(end + 1)))) }
            } else if negated {
                claims.append(Claim(value: 0, quote: quote(clauseStart..<after)))
            }
        }
        return claims
    }

    static let nextYear = ["下一年", "下年"].map(p)
    /// Longest first, so that the verb's start is found ("5件结转至下年度").
    private static let carryVerbs = [
        "结转至", "结转到", "顺延至", "顺延到", "延续至", "延续到", "结转", "顺延", "延续", "转入", "转至", "转到", "延至", "延到",
    ].map(p)
    private static let carryForeign = ["复议", "诉讼", "投诉", "举报", "信访"].map(p)
    private static let carryFiller = ScalarSet("度继续办理答复处置的申请共计为数量有：:合总政府信息公开")

    /// "结转下年度继续办理5件", "另有103件顺延到下年度答复".
    func carriedForward() -> [Claim] {
        var claims: [Claim] = []
        for i in nextYears {
            guard let year = t.first(of: Self.nextYear, at: i),
                  let verb = t.first(of: Self.carryVerbs, endingAt: i) else { continue }
            let clause = t.span(around: i, breaks: NarrativeText.clauseBreaks)
            guard !t.contains(any: Self.carryForeign, in: clause) else { continue }
            let verbStart = i - verb.count
            let start = t.skip(Self.carryFiller, from: i + year.count, limit: 14)
            if let (value, end) = t.number(at: start), Self.countUnits.contains(t[end]) {
                claims.append(Claim(value: value, quote: quote(clause.lowerBound..<(end + 1))))
                continue
            }
            var unitEnd = verbStart
            if t.has(Self.application, endingAt: unitEnd) { unitEnd -= Self.application.count }
            if Self.countUnits.contains(t[unitEnd - 1]), let (value, _) = t.number(endingAt: unitEnd - 1) {
                claims.append(Claim(value: value, quote: quote(clause)))
            }
        }
        return claims
    }

    static let quantifiers = ["已全部", "全部", "均已", "全都", "都已", "均"].map(p)
    private static let all = p("全部")
    /// Before a quantifier: a denial (未全部办结) or a word it belongs to (平均办结时间, 人均).
    private static let notAll = ScalarSet("未非不没平人")
    private static let doneModifiers = ScalarSet("已按时期及依法予以顺利")
    private static let doneVerbs = ["办结", "办理完毕", "处理完毕", "答复完毕", "办理完成", "处理完成"].map(p)
    private static let answered = p("答复")
    private static let onTime = ScalarSet("时期")
    /// After the verb: 办结率, 办结时限 are about a rate or a time, not that all are done.
    private static let notDone = ScalarSet("率时")
    /// A sentence with one of these words knows about exceptions, or is about other cases.
    private static let exceptions = [
        "下年", "下一年", "顺延", "继续办理", "其余", "剩余", "余下", "除", "复议", "诉讼", "提案", "建议", "议案", "投诉", "举报",
    ].map(p)

    /// "已全部办结", "均已按时办结", "全部按时答复"; not "均在法定期限内予以答复" (that is about time, not
    /// about all being done). Returns the sentence.
    func allHandled() -> String? {
        for i in quantifierStarts {
            guard let q = t.first(of: Self.quantifiers, at: i), !Self.notAll.contains(t[i - 1]) else { continue }
            let modifiersStart = i + q.count
            let verbStart = t.skip(Self.doneModifiers, from: modifiersStart, limit: 4)
            var verbEnd: Int?
            if let verb = t.first(of: Self.doneVerbs, at: verbStart) {
                verbEnd = verbStart + verb.count
            } else if q.suffix(2).elementsEqual(Self.all), t.has(Self.answered, at: verbStart),
                      (modifiersStart..<verbStart).contains(where: { Self.onTime.contains(t[$0]) }) {
                verbEnd = verbStart + Self.answered.count  // 全部按时答复
            }
            guard let end = verbEnd, !Self.notDone.contains(t[end]) else { continue }
            let sentence = t.span(around: i, breaks: NarrativeText.sentenceBreaks)
            guard t.contains(any: [Self.application], in: sentence), !t.contains(any: Self.exceptions, in: sentence)
            else { continue }
            return quote(sentence)
        }
        return nil
    }

    /// The text of a range, cut to a length a message can quote.
    private func quote(_ range: Range<Int>) -> String {
        let limit = 60
        guard range.count > limit else { return t.text(range) }
        return "…" + t.text((range.upperBound - limit)..<range.upperBound)
    }
}
