/// An `ok` line with its result.
public struct OKLine<Result: Codable & Sendable>: Sendable, Codable {
    public var type = ResponseType.ok
    public var id: Int64
    public var result: Result

    public init(id: Int64, result: Result) {
        self.id = id
        self.result = result
    }
}
