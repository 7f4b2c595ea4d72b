#if canImport(Glibc)
import Glibc
#endif

/// The inotify syscalls for one watched directory: created, close-after-write, moved-in, and queue overflow.
///
/// The descriptor is non-blocking; ``wait(milliseconds:)`` polls it so a reader thread can check for shutdown.
final class Inotify: @unchecked Sendable {
    /// One event: the entry's name (empty for an overflow) and what happened.
    struct Event: Sendable, Hashable {
        var name: String
        var mask: UInt32

        var isOverflow: Bool { mask & UInt32(IN_Q_OVERFLOW) != 0 }
        /// Closed after writing or moved in: the entry is complete (a created entry may still be written).
        var isComplete: Bool { mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0 }
    }

    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Starts watching `directory`; throws the errno text when inotify is unavailable or the path is not a directory.
    init(watching directory: String) throws(SystemError) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError("inotify_init1", errno) }
        let mask = UInt32(IN_CREATE) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_Q_OVERFLOW) | UInt32(IN_ONLYDIR)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let error = errno
            close(fd)
            throw SystemError("inotify_add_watch \(directory)", error)
        }
    }

    deinit { close(fd) }

    /// Waits up to `milliseconds` for events; true when some can be read.
    func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0 && entry.revents & Int16(POLLIN) != 0
    }

    /// Every event queued now (an empty array when there are none).
    func readEvents() -> [Event] {
        var events: [Event] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + 16 <= count {
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                    events.append(Event(name: String(decoding: nameBytes, as: UTF8.self), mask: mask))
                    offset += 16 + length
                }
            }
        }
        return events
    }
}
