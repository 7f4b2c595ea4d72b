#if canImport(Glibc)
import Glibc
#endif

/// What the intake found at one inbox name.
enum InboxProbe: Sendable {
    /// A regular file, read in full, not changed while it was read.
    case file(InboxFile)
    /// Still being written (changed within the settle period, or while it was read): look again after `wait`.
    case unsettled(wait: Duration)
    /// Not something the daemon accepts; to be moved to quarantine. `identity` names the entry (name, device,
    /// inode, change time) without its content.
    case quarantine(QuarantineReason, identity: String, size: Int)
    /// A directory: left in place.
    case directory
    /// Gone before it could be read (moved away or deleted).
    case vanished

    /// Looks at `directory/name` without following symlinks and without opening anything but a regular file.
    ///
    /// `lstat` decides the kind first, so FIFOs and devices are never opened; a regular file is then opened with
    /// `O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC` and `fstat`ed, so a symlink swapped in meanwhile fails with ELOOP
    /// and is quarantined as one. Unless `closed` (a close-after-write or moved-in event was seen), a file
    /// modified within `settle` is not read yet.
    static func look(at name: String, in directory: String, maxSize: Int, settle: Duration, closed: Bool) -> InboxProbe {
        let path = directory + "/" + name
        var info = stat()
        guard lstat(path, &info) == 0 else { return .vanished }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .directory
        case let kind: return .quarantine(reason(forKind: kind), identity: identity(name, info), size: Int(info.st_size))
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ELOOP { return .quarantine(.symbolicLink, identity: identity(name, info), size: 0) }
            return errno == ENOENT ? .vanished : .unsettled(wait: .seconds(1))
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .unsettled(wait: .seconds(1)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .quarantine(reason(forKind: info.st_mode & S_IFMT), identity: identity(name, info), size: Int(info.st_size))
        }
        let size = Int(info.st_size)
        if size > maxSize {
            return .quarantine(.tooLarge(size: size, limit: maxSize), identity: identity(name, info), size: size)
        }
        if !closed {
            let age = ageNanoseconds(info)
            let settleNanoseconds = Int64(settle.components.seconds) * 1_000_000_000
                + Int64(settle.components.attoseconds / 1_000_000_000)
            if age < settleNanoseconds { return .unsettled(wait: .nanoseconds(settleNanoseconds - age + 1_000_000)) }
        }
        guard let bytes = readAll(fd, expected: size, limit: maxSize) else {
            return .quarantine(.tooLarge(size: size, limit: maxSize), identity: identity(name, info), size: size)
        }
        var after = stat()
        guard fstat(fd, &after) == 0, after.st_size == info.st_size, after.st_mtim.tv_sec == info.st_mtim.tv_sec,
              after.st_mtim.tv_nsec == info.st_mtim.tv_nsec, bytes.count == size
        else { return .unsettled(wait: .milliseconds(200)) }
        return .file(InboxFile(name: name, bytes: bytes, entry: identity(name, info)))
    }

    /// `name:device:inode:mtime` — what a second copy under the same name would not share.
    private static func identity(_ name: String, _ info: stat) -> String {
        "\(name):\(info.st_dev):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    private static func reason(forKind kind: mode_t) -> QuarantineReason {
        switch kind {
        case S_IFLNK: .symbolicLink
        case S_IFIFO: .fifo
        case S_IFSOCK: .socket
        case S_IFCHR, S_IFBLK: .device
        default: .unknownType
        }
    }

    /// Nanoseconds since the file was last modified (by the wall clock, as mtimes are).
    private static func ageNanoseconds(_ info: stat) -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int64(now.tv_sec) - Int64(info.st_mtim.tv_sec)) * 1_000_000_000 + Int64(now.tv_nsec) - Int64(info.st_mtim.tv_nsec)
    }

    /// The whole file from `fd`; nil if it grew past `limit` while being read.
    private static func readAll(_ fd: Int32, expected: Int, limit: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { return nil }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        guard count <= limit else { return nil }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

/// A regular inbox file as read: its name, bytes and entry identity (see ``ReportStore/IncomingFile/entry``).
struct InboxFile: Sendable {
    var name: String
    var bytes: [UInt8]
    var entry: String
}
