import ControlProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Decides what a peer may do: read commands for root, the daemon's own user and the read and admin
/// groups; every command for root and the admin group.
///
/// Without a configured admin group the daemon's own user is an admin (a person running the daemon as
/// themselves controls it); without a read group, members of the daemon's own group may read (the socket
/// file belongs to that group).
struct AccessPolicy: Sendable, Hashable {
    var daemonUID: UInt32
    var daemonGID: UInt32
    var readGID: UInt32?
    var adminGID: UInt32?
    var adminGroupConfigured: Bool

    /// The policy of this process for the configured groups (already resolved to gids).
    init(readGID: UInt32?, adminGID: UInt32?, adminGroupConfigured: Bool,
         daemonUID: UInt32 = geteuid(), daemonGID: UInt32 = getegid()) {
        self.daemonUID = daemonUID
        self.daemonGID = daemonGID
        self.readGID = readGID
        self.adminGID = adminGID
        self.adminGroupConfigured = adminGroupConfigured
    }

    func access(for peer: PeerCredentials) -> PeerInfo.Access {
        if peer.uid == 0 { return .admin }
        if let adminGID, peer.groups.contains(adminGID) { return .admin }
        if peer.uid == daemonUID { return adminGroupConfigured ? .read : .admin }
        if peer.groups.contains(readGID ?? daemonGID) { return .read }
        return .none
    }
}
