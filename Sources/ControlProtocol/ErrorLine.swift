/// An `error` line.
public struct ErrorLine: Sendable, Codable {
    public var type = ResponseType.error
    public var id: Int64?
    public var error: ControlError

    public init(id: Int64?, error: ControlError) {
        self.id = id
        self.error = error
    }
}
