import ReportModel

/// Tells the layout from the labels a report prints, never from its year.
enum TemplateDetector {
    static let gov2021Markers = ["本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "缴纳费用", "本年收费金额", "制发件数"]
    static let gov2019Markers = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
                                 "采购项目数量", "其他对外管理服务", "采购总金额", "第二十条第九项"]
    /// The markers as UTF-8 bytes, made once.
    static let gov2021MarkerBytes = gov2021Markers.map { Array($0.utf8) }
    static let gov2019MarkerBytes = gov2019Markers.map { Array($0.utf8) }

    /// The template whose markers the lines carry more of; nil when neither shows.
    static func detect(_ lines: ArraySlice<SourceLine>) -> TemplateID? {
        // The keys joined as one run of UTF-8 bytes, so that a marker broken over two lines is still found: the
        // keys of consecutive lines lie back to back in the document's keys.
        guard let first = lines.first, let last = lines.last else { return nil }
        let (new, old) = first.document.keys.withUnsafeBufferPointer { keys in
            let h = UnsafeBufferPointer(rebasing: keys[first.keyRange.lowerBound..<last.keyRange.upperBound])
            return (count(gov2021MarkerBytes, in: h), count(gov2019MarkerBytes, in: h))
        }
        if new == 0 && old == 0 { return nil }
        return new >= old ? .gov2021 : .gov2019
    }

    /// How many of the markers occur in the bytes.
    static func count(_ markers: [[UInt8]], in h: UnsafeBufferPointer<UInt8>) -> Int {
        var found = 0
        for m in markers where m.withUnsafeBufferPointer({ ByteSearch.find($0, in: h, from: 0) }) != nil { found += 1 }
        return found
    }
}
