/// The server's first line on every connection, and the result of a client's `hello`.
public struct ServerHello: Sendable, Hashable, Codable {
    public var type = ResponseType.hello
    /// The protocol version this connection speaks.
    public var `protocol`: Int
    /// Every protocol version the server speaks.
    public var protocols: [Int]
    /// The daemon's version, e.g. `0.1.0`.
    public var daemon: String
    /// Command names, and `export.<format>` for each export format.
    public var capabilities: [String]
    /// Who the server sees at the other end of the socket, and what it may do.
    public var peer: PeerInfo

    public init(protocol: Int = ProtocolVersion.current, protocols: [Int] = [ProtocolVersion.current], daemon: String,
                capabilities: [String], peer: PeerInfo) {
        self.protocol = `protocol`
        self.protocols = protocols
        self.daemon = daemon
        self.capabilities = capabilities
        self.peer = peer
    }

    /// Every command of this protocol version and every export format.
    public static let allCapabilities = ControlCommand.names
        + ExportRequest.Format.allCases.map { "export.\($0.rawValue)" } + ["export.csv.long", "export.findings"]
}
