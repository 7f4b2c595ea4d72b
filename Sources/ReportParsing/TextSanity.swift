import ReportModel

/// Says when decoded "text" is not the text of a report at all (binary data, no Chinese).
enum TextSanity {
    static func problem(in text: String) -> String? {
        var text = text
        return problem(text.withUTF8(counts))
    }

    /// What `counts` found, or what `SourceLine.scan` counted over a whole text of fewer than 200,000 scalars (where
    /// `counts` reads everything too).
    struct Counts: Equatable {
        var control = 0
        var ideographs = 0
        var total = 0
    }

    /// The problem the counts of a text show, if any.
    static func problem(_ counts: (control: Int, ideographs: Int, total: Int)) -> String? {
        let (control, ideographs, total) = counts
        if total == 0 { return "文件是空的，不是政府信息公开工作年度报告。" }
        if control * 50 > total { return "文件不是文本（含有大量二进制字节），不是可读取的年度报告。" }
        if ideographs < 20 { return "文件中几乎没有中文文字，不是政府信息公开工作年度报告。" }
        return nil
    }

    /// Control characters, ideographs and scalars, read from valid UTF-8 until 200,000 scalars with more than 200
    /// ideographs have been seen. Scalars are counted by their lead bytes; only the lead bytes whose scalars may or
    /// may not count (U+0080–U+07FF, U+3000–U+4FFF) are decoded.
    static func counts(_ b: UnsafeBufferPointer<UInt8>) -> (control: Int, ideographs: Int, total: Int) {
        var control = 0, ideographs = 0, total = 0
        var i = 0
        let n = b.count
        // Below 200,000 scalars there is nothing to stop for; from there on, stop once 200 ideographs are seen.
        while i < n && total < 199_999 {
            count(b, at: &i, control: &control, ideographs: &ideographs)
            total += 1
        }
        while i < n {
            count(b, at: &i, control: &control, ideographs: &ideographs)
            total += 1
            if ideographs > 200 { break }
        }
        return (control, ideographs, total)
    }

    /// Counts the scalar at `i` as a control character or an ideograph, and moves `i` past it.
    @inline(__always)
    private static func count(_ b: UnsafeBufferPointer<UInt8>, at i: inout Int, control: inout Int, ideographs: inout Int) {
        let lead = b[i]
        if lead < 0x80 {
            i += 1
            if lead == 0 || (lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D && lead != 0x0C) || lead == 0x7F {
                control += 1
            }
        } else if lead >= 0xE5 && lead <= 0xE9 {
            // U+5000–U+9FFF: ideographs.
            i += 3
            ideographs += 1
        } else {
            let v = UTF8Scalar.decode(b, at: &i)
            if v >= 0x7F && v < 0xA0 {
                control += 1
            } else if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) {
                ideographs += 1
            }
        }
    }
}
