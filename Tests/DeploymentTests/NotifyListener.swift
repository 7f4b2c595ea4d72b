import Foundation
import Testing

/// Stands in for systemd's notification socket: a datagram socket that collects what the daemon sends.
final class NotifyListener {
    let path: String
    private let descriptor: Int32

    /// Binds a datagram socket at `path`, writable by any user (the sandboxed daemon runs as nobody).
    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8.prefix(buffer.count - 1)) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind \(path): errno \(errno)")
        chmod(path, 0o777)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next message, or nil when none arrives within `timeout` seconds.
    func next(timeout: TimeInterval) -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    /// Messages until one contains `line` as a whole line; that message, or nil after `timeout` seconds.
    func waitFor(_ line: String, timeout: TimeInterval = 20, seen: inout [String]) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, let message = next(timeout: deadline.timeIntervalSinceNow) {
            seen.append(message)
            if message.split(separator: "\n").contains(Substring(line)) { return message }
        }
        return nil
    }
}
