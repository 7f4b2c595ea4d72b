#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file in the data directory, held for the daemon's life, so that a second
/// daemon on the same data refuses to start. The file holds the owner's pid, for the refusal message.
public final class DataDirectoryLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or throws a message that names the running daemon's pid.
    public init(path: String) throws(ConfigurationError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ConfigurationError("cannot open the lock file \(path): \(SystemError("open", errno))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let error = errno
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            let owner = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).trimmingWhitespace()
            close(fd)
            if error == EWOULDBLOCK {
                throw ConfigurationError("another govreportd\(owner.isEmpty ? "" : " (pid \(owner))") is already "
                    + "running on this data: it holds the lock \(path)")
            }
            throw ConfigurationError("cannot lock \(path): \(SystemError("flock", error))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(fd) }
}
