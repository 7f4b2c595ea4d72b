/// The client's optional hello: the protocol versions it speaks. The server answers with its hello result,
/// or `unsupported_version` when it speaks none of them.
public struct HelloRequest: Sendable, Hashable, Codable {
    public var protocols: [Int]
    /// The client's name and version, for the daemon's log (e.g. `govreportctl 0.1.0`).
    public var client: String?

    public init(protocols: [Int] = [ProtocolVersion.current], client: String? = nil) {
        self.protocols = protocols
        self.client = client
    }
}
