/// A `chunk` line of an export.
public struct ChunkLine: Sendable, Codable {
    public var type = ResponseType.chunk
    public var id: Int64
    public var data: String

    public init(id: Int64, data: String) {
        self.id = id
        self.data = data
    }
}
