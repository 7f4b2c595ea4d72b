import ReportModel

/// Tells the layout from the labels a report prints, never from its year.
enum TemplateDetector {
    static let gov2021Markers = ["本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "缴纳费用", "本年收费金额", "制发件数"]
    static let gov2019Markers = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
                                 "采购项目数量", "其他对外管理服务", "采购总金额", "第二十条第九项"]

    /// The template whose markers the lines carry more of; nil when neither shows.
    static func detect(_ lines: ArraySlice<SourceLine>) -> TemplateID? {
        var joined = ""
        var length = 0
        for line in lines { length += line.key.utf8.count }
        joined.reserveCapacity(length)
        for line in lines { joined += line.key }
        let new = gov2021Markers.filter { joined.containsBytes($0) }.count
        let old = gov2019Markers.filter { joined.containsBytes($0) }.count
        if new == 0 && old == 0 { return nil }
        return new >= old ? .gov2021 : .gov2019
    }
}
