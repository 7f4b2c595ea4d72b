/// Why the control server could not start.
public enum ControlServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another daemon answers on the socket: two daemons must not share one data directory.
    case alreadyServing(String)
    /// The socket path cannot be used.
    case socketPath(String, reason: String)
    /// A configured group does not exist.
    case unknownGroup(String)

    public var description: String {
        switch self {
        case .alreadyServing(let path):
            "another govreportd is already answering on \(path); stop it first (two daemons must not share one data directory)"
        case .socketPath(let path, let reason): "control socket \(path): \(reason)"
        case .unknownGroup(let name): "the group \(name) does not exist"
        }
    }
}
