import ControlProtocol

/// Why a daemon command could not do what it was asked, and the exit code that says so.
enum ClientFailure: Error, CustomStringConvertible {
    /// Nothing answers on the socket (no file, nobody listening).
    case unreachable(path: String, reason: String)
    /// The socket file's mode and group keep this user out.
    case permissionDenied(path: String)
    /// The daemon answered with an error.
    case server(ControlError)
    /// The connection broke in the middle.
    case connectionLost(String)
    /// The daemon said something this client does not understand.
    case protocolError(String)

    var description: String {
        switch self {
        case .unreachable(let path, let reason): "无法连接守护进程（\(path)）：\(reason)。govreportd 在运行吗？可用 --socket 或 GOVREPORT_SOCKET 指定套接字"
        case .permissionDenied(let path): "没有权限连接守护进程（\(path)）：当前用户不在套接字的用户组中"
        case .server(let error): error.message
        case .connectionLost(let reason): "与守护进程的连接中断：\(reason)"
        case .protocolError(let reason): "协议错误：\(reason)"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .unreachable, .connectionLost: ExitStatus.unreachable
        case .permissionDenied: ExitStatus.permissionDenied
        case .protocolError: ExitStatus.failure
        case .server(let error):
            switch error.code {
            case .notFound: ExitStatus.notFound
            case .permissionDenied: ExitStatus.permissionDenied
            case .badRequest, .unknownCommand, .ambiguous: ExitStatus.usage
            case .tooManyConnections, .shuttingDown, .idleTimeout: ExitStatus.unreachable
            default: ExitStatus.failure
            }
        }
    }
}
