/// Table 二 of the 2019 layout (国办公开办函〔2019〕60号).
enum Gov2019 {
    static let documents = [
        ColumnDefinition("made", "本年新制作数量"),
        ColumnDefinition("published", "本年新公开数量"),
        ColumnDefinition("published_total", "对外公开总数量"),
    ]
    static let items = [
        ColumnDefinition("prev_items", "上一年项目数量"),
        ColumnDefinition("delta", "本年增/减", .signedCount),
        ColumnDefinition("decisions", "处理决定数量"),
    ]

    static let t2 = TableDefinition(.t2, rows: [
        RowDefinition("regulations", "第二十条第（一）项 规章", anchors: ["规章"], columns: documents),
        RowDefinition("normative_docs", "规范性文件", anchors: ["规范性"], columns: documents),
        RowDefinition("licensing", "第二十条第（五）项 行政许可", anchors: ["行政许可"], columns: items),
        RowDefinition("other_services", "其他对外管理服务事项", anchors: ["对外管理服务", "其他对外管理"], columns: items),
        RowDefinition("penalty", "第二十条第（六）项 行政处罚", anchors: ["行政处罚"], columns: items),
        RowDefinition("coercion", "行政强制", anchors: ["行政强制"], columns: items),
        RowDefinition("fees", "第二十条第（八）项 行政事业性收费", anchors: ["事业性收费"],
                      columns: Array(items.prefix(2))),
        RowDefinition("procurement", "第二十条第（九）项 政府集中采购", anchors: ["集中采购"], columns: [
            ColumnDefinition("count", "采购项目数量"),
            ColumnDefinition("amount", "采购总金额", .amount),
        ]),
    ])
}
