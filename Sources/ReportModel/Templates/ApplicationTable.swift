/// Table 三 (收到和处理政府信息公开申请情况) in both templates.
public enum ApplicationTable {
    /// The applicant columns in printed order, then `total`.
    public static let columns: [ColumnDefinition] = [
        ColumnDefinition("natural", "自然人"),
        ColumnDefinition("commercial", "商业企业"),
        ColumnDefinition("research", "科研机构"),
        ColumnDefinition("nonprofit", "社会公益组织"),
        ColumnDefinition("legal", "法律服务机构"),
        ColumnDefinition("other", "其他"),
        ColumnDefinition("total", "总计"),
    ]

    /// The six applicant columns whose sum is `total`.
    public static let applicantColumns = ["natural", "commercial", "research", "nonprofit", "legal", "other"]

    static func make(for template: TemplateID) -> TableDefinition {
        func row(_ key: String, _ label: String, _ anchors: [String]) -> RowDefinition {
            RowDefinition(key, label, anchors: anchors, columns: columns)
        }
        var rows = [
            row("new", "一、本年新收政府信息公开申请数量", ["本年新收"]),
            row("carried_over", "二、上年结转政府信息公开申请数量", ["上年结转"]),
            row("granted", "三、本年度办理结果 （一）予以公开", ["予以公开"]),
            row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["部分公开"]),
            row("denied.state_secret", "（三）不予公开 1.属于国家秘密", ["国家秘密"]),
            row("denied.prohibited", "2.其他法律行政法规禁止公开", ["禁止公开"]),
            row("denied.security", "3.危及“三安全一稳定”", ["三安全", "一稳定"]),
            row("denied.third_party", "4.保护第三方合法权益", ["第三方"]),
            row("denied.internal", "5.属于三类内部事务信息", ["内部事务"]),
            row("denied.process", "6.属于四类过程性信息", ["过程性"]),
            row("denied.enforcement_file", "7.属于行政执法案卷", ["执法案卷"]),
            row("denied.query", "8.属于行政查询事项", ["查询事项"]),
            row("unable.not_held", "（四）无法提供 1.本机关不掌握相关政府信息", ["不掌握"]),
            row("unable.needs_creation", "2.没有现成信息需要另行制作", ["另行制作", "没有现成"]),
            row("unable.unclear", "3.补正后申请内容仍不明确", ["仍不明确", "补正后申请"]),
            row("declined.petition", "（五）不予处理 1.信访举报投诉类申请", ["信访", "举报投诉"]),
            row("declined.duplicate", "2.重复申请", ["重复申请"]),
            row("declined.publication", "3.要求提供公开出版物", ["出版物"]),
            row("declined.excessive", "4.无正当理由大量反复申请", ["大量反复"]),
            row("declined.confirmation", "5.要求行政机关确认或重新出具已获取信息", ["重新出具", "确认或重新", "已获取信息"]),
        ]
        switch template {
        case .gov2019:
            rows.append(row("other_handling", "（六）其他处理", ["其他处理"]))
        case .gov2021, .legacy:
            rows.append(row("other_handling.no_correction",
                            "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                            ["逾期不补正", "不补正"]))
            rows.append(row("other_handling.fee_unpaid",
                            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                            ["缴纳费用", "收费通知"]))
            rows.append(row("other_handling.other", "3.其他", ["3其他"]))
        }
        rows.append(row("outcome_total", "（七）总计", ["七总计", "总计"]))
        rows.append(row("carried_forward", "四、结转下年度继续办理", ["结转下年", "下年度继续"]))
        return TableDefinition(.t3, rows: rows)
    }
}
