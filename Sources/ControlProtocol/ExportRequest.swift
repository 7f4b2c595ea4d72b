public import ReportModel

/// `export`: the current reports, streamed in chunks, in one format, filtered.
public struct ExportRequest: Sendable, Hashable, Codable {
    /// The formats the daemon streams.
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// One row per current report, every canonical cell a column; UTF-8 with a BOM, CRLF line ends.
        case csv
        /// One JSON object per line per current report: body, year, sha256, status, template, tables.
        case ndjson
        /// The same objects as `ndjson`, as one JSON array.
        case json
        /// One JSON array per line: a report row (metadata and every canonical cell, typed) followed by its
        /// finding rows; the column names come in the `ok` result (``ExportStart``). What a workbook needs.
        case rows
    }

    /// The layout of a CSV export (`wide` when not given; ignored for the other formats).
    public enum Shape: String, Sendable, Hashable, Codable, CaseIterable {
        /// One row per report, every canonical cell a column.
        case wide
        /// One row per cell: body, year, table, row, column, raw, kind, value, unit, inferred.
        case long
    }

    public var format: Format
    public var shape: Shape?
    public var year: Int?
    public var body: String?
    public var status: ReportStatus?

    public init(format: Format = .csv, year: Int? = nil, body: String? = nil, status: ReportStatus? = nil,
                shape: Shape? = nil) {
        self.format = format
        self.shape = shape
        self.year = year
        self.body = body
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case format, year, body, status, shape
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(Format.self, forKey: .format) ?? .csv
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        status = try c.decodeIfPresent(ReportStatus.self, forKey: .status)
        shape = try c.decodeIfPresent(Shape.self, forKey: .shape)
    }
}
