import Glibc

/// The control socket's file: the few raw calls that check, secure and remove it.
enum ControlSocketFile {
    /// Makes `path` free to bind: nothing there is fine; a socket nobody answers on (left by a crash) is
    /// removed; a socket another daemon answers on, or a file that is not a socket, is an error.
    static func clearStale(at path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw ControlServerError.socketPath(path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw ControlServerError.socketPath(path, reason: "exists and is not a socket; not removing it")
        }
        switch probe(path) {
        case 0:
            throw ControlServerError.alreadyServing(path)
        case ECONNREFUSED:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw ControlServerError.socketPath(path, reason: "cannot remove the stale socket: "
                                                    + String(cString: strerror(errno)))
            }
        case let code:
            throw ControlServerError.socketPath(path, reason: "cannot check the existing socket: "
                                                + String(cString: strerror(code)))
        }
    }

    /// Sets the socket file's mode and, when given, its group.
    static func secure(_ path: String, mode: UInt32, group: UInt32?) throws {
        if let group, chown(path, uid_t.max, group) != 0 {  // uid -1: leave the owner
            throw ControlServerError.socketPath(path, reason: "chown to group \(group): " + String(cString: strerror(errno)))
        }
        guard chmod(path, mode_t(mode)) == 0 else {
            throw ControlServerError.socketPath(path, reason: "chmod: " + String(cString: strerror(errno)))
        }
    }

    /// Removes the socket file if it is still a socket (never another file put there since).
    static func remove(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { unlink(path) }
    }

    /// Connects to the socket at `path` and hangs up: 0 when something answers, else the errno.
    private static func probe(_ path: String) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return ENAMETOOLONG }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0 ? 0 : errno
    }
}
