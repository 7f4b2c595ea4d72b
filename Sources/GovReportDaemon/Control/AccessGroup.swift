#if canImport(Glibc)
import Glibc
#endif

/// A Unix group named in the configuration, by number or by name.
public enum AccessGroup: Sendable, Hashable, CustomStringConvertible {
    case id(UInt32)
    case name(String)

    /// A number is a gid, anything else a group name.
    public init(_ text: String) {
        self = UInt32(text).map(AccessGroup.id) ?? .name(text)
    }

    /// The group's gid; nil for a name the group database does not know.
    public func resolve() -> UInt32? {
        switch self {
        case .id(let gid):
            return gid
        case .name(let name):
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 8192)
            guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, let result else { return nil }
            return result.pointee.gr_gid
        }
    }

    public var description: String {
        switch self {
        case .id(let gid): String(gid)
        case .name(let name): name
        }
    }
}
