/// Table 四 (行政复议、行政诉讼), identical in both templates: three blocks of five columns, printed as 15 numbers.
public enum ReviewLitigationTable {
    public static let columns: [ColumnDefinition] = [
        ColumnDefinition("upheld", "结果维持"),
        ColumnDefinition("corrected", "结果纠正"),
        ColumnDefinition("other", "其他结果"),
        ColumnDefinition("pending", "尚未审结"),
        ColumnDefinition("total", "总计"),
    ]

    /// The four result columns whose sum is `total`.
    public static let partColumns = ["upheld", "corrected", "other", "pending"]

    public static let definition = TableDefinition(.t4, rows: [
        RowDefinition("review", "行政复议", anchors: ["行政复议"], columns: columns),
        RowDefinition("suit_direct", "行政诉讼 未经复议直接起诉", anchors: ["未经复议", "直接起诉"], columns: columns),
        RowDefinition("suit_after_review", "行政诉讼 复议后起诉", anchors: ["复议后起诉"], columns: columns),
    ])
}
