/// `compare`: one body's current reports side by side across years.
public struct CompareRequest: Sendable, Hashable, Codable {
    public var body: String

    public init(body: String) {
        self.body = body
    }
}
