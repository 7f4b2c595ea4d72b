/// Any line from the server, decoded far enough to route it: its type, the request it answers and the
/// fields of the non-`ok` types. An `ok` line's `result` is decoded with ``OKLine`` once the caller knows
/// the type to expect.
public struct ResponseLine: Sendable, Decodable {
    public var type: ResponseType
    /// The request's id; nil on the hello and on errors about lines that had no readable id.
    public var id: Int64?
    public var error: ControlError?
    public var data: String?
    public var event: DaemonEvent?
    public var count: Int?
}
