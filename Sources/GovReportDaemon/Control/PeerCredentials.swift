import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Who is at the other end of a Unix socket, as the kernel says (`SO_PEERCRED`), with the process's
/// supplementary groups.
struct PeerCredentials: Sendable, Hashable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32
    /// The primary group and every supplementary group of the peer process.
    var groups: Set<UInt32>

    /// The peer of a connected Unix-socket channel.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET),
                                              name: SocketOptionName(SO_PEERCRED))
            .map { (cred: UCred) in
                PeerCredentials(pid: cred.pid, uid: cred.uid, gid: cred.gid,
                                groups: supplementaryGroups(pid: cred.pid, uid: cred.uid, gid: cred.gid))
            }
    }

    /// The `Groups:` line of `/proc/PID/status` (the process's real supplementary groups) plus `gid`; when the
    /// process is gone, the groups of `uid`'s user in the group database.
    static func supplementaryGroups(pid: Int32, uid: UInt32, gid: UInt32) -> Set<UInt32> {
        var groups: Set<UInt32> = [gid]
        if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Groups:") }) {
            for field in line.dropFirst("Groups:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                if let group = UInt32(field) { groups.insert(group) }
            }
            return groups
        }
        guard let user = userName(uid) else { return groups }
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, gid, &list, &count) >= 0 {
            for group in list.prefix(Int(count)) { groups.insert(group) }
        }
        return groups
    }

    /// The user name of a uid, from the password database.
    static func userName(_ uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, let result else { return nil }
        return String(cString: result.pointee.pw_name)
    }

    /// The peer's user name, or its uid as text.
    var userName: String { Self.userName(uid) ?? String(uid) }
}

/// `struct ucred` from `<sys/socket.h>`: Glibc declares it only under `_GNU_SOURCE`, so Swift does not see it.
struct UCred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
