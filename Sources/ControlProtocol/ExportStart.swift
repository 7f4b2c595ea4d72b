/// `export`: the `ok` before the chunks.
public struct ExportStart: Sendable, Hashable, Codable {
    public var format: ExportRequest.Format

    public init(format: ExportRequest.Format) {
        self.format = format
    }
}
