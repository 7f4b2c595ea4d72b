/// The connecting process as the server sees it through `SO_PEERCRED`.
public struct PeerInfo: Sendable, Hashable, Codable {
    /// What a peer may do.
    public enum Access: String, Sendable, Hashable, Codable {
        /// Nothing: the server says so and closes the connection.
        case none
        /// Read commands: status, jobs, show, export, watch, retry with `dry_run`.
        case read
        /// Every command.
        case admin
    }

    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    /// The user name of `uid`, or the number as text when it has none.
    public var user: String
    public var access: Access

    public init(uid: UInt32, gid: UInt32, pid: Int32, user: String, access: Access) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.user = user
        self.access = access
    }
}
