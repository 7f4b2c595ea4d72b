/// Table 二 of the 2021 layout (国办公开办函〔2021〕30号).
enum Gov2021 {
    static let documents = [
        ColumnDefinition("issued", "本年制发件数"),
        ColumnDefinition("repealed", "本年废止件数"),
        ColumnDefinition("in_force", "现行有效件数"),
    ]
    static let decisions = [ColumnDefinition("decisions", "本年处理决定数量")]

    static let t2 = TableDefinition(.t2, rows: [
        RowDefinition("regulations", "第二十条第（一）项 规章", anchors: ["规章"], columns: documents),
        RowDefinition("normative_docs", "行政规范性文件", anchors: ["规范性"], columns: documents),
        RowDefinition("licensing", "第二十条第（五）项 行政许可", anchors: ["行政许可"], columns: decisions),
        RowDefinition("penalty", "第二十条第（六）项 行政处罚", anchors: ["行政处罚"], columns: decisions),
        RowDefinition("coercion", "行政强制", anchors: ["行政强制"], columns: decisions),
        RowDefinition("fees", "第二十条第（八）项 行政事业性收费", anchors: ["事业性收费"], columns: [
            ColumnDefinition("amount", "本年收费金额（单位：万元）", .amount),
        ]),
    ])
}
