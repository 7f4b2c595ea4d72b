/// The `end` line of a stream.
public struct EndLine: Sendable, Codable {
    public var type = ResponseType.end
    public var id: Int64
    public var count: Int

    public init(id: Int64, count: Int) {
        self.id = id
        self.count = count
    }
}
