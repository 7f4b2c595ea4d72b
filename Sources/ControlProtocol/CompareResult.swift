public import ReportModel

/// The answer to `compare`: the body's years (ascending) and every table cell any of its current reports has,
/// in canonical order, with one value per year.
public struct CompareResult: Sendable, Hashable, Codable {
    public var body: String
    /// The statistics years of the body's current reports, oldest first.
    public var years: [Int]
    public var cells: [CompareCell]

    public init(body: String, years: [Int], cells: [CompareCell]) {
        self.body = body
        self.years = years
        self.cells = cells
    }
}

/// One canonical cell across years: its key, its printed labels, its value in each year and the change from
/// the year before.
public struct CompareCell: Sendable, Hashable, Codable {
    /// `t3`, `t2`, `t4`.
    public var table: String
    public var row: String
    public var column: String
    /// `表三 予以公开 自然人`: the table, the row's and the column's printed labels.
    public var label: String
    /// One entry per year of ``CompareResult/years``, in the same order.
    public var values: [CompareValue]

    public init(table: String, row: String, column: String, label: String, values: [CompareValue]) {
        self.table = table
        self.row = row
        self.column = column
        self.label = label
        self.values = values
    }
}

/// A cell in one year: what was printed, its number, and the difference from the previous year's number.
public struct CompareValue: Sendable, Hashable, Codable {
    public var year: Int
    /// What the document printed; nil when the report has no such cell.
    public var raw: String?
    public var value: CellValue?
    /// `value` minus the previous year's value, when both are numbers.
    public var change: CellValue?

    public init(year: Int, raw: String?, value: CellValue?, change: CellValue?) {
        self.year = year
        self.raw = raw
        self.value = value
        self.change = change
    }

    enum CodingKeys: String, CodingKey {
        case year, raw, value, change
    }

    /// Missing values are written as `null`, so every year has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(raw, forKey: .raw)
        try c.encode(value, forKey: .value)
        try c.encode(change, forKey: .change)
    }
}
