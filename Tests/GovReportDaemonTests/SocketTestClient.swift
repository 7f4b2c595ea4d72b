import ControlProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain Unix-socket client for tests: raw bytes and lines, no protocol help beyond JSON. The socket
/// calls block, so they run on a Dispatch thread, never on the cooperative pool the server needs.
final class SocketTestClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var fd: Int32
    private var buffer: [UInt8] = []

    /// Connects (off the cooperative pool).
    static func connect(_ path: String) async throws -> SocketTestClient {
        try await offPool { try SocketTestClient(path: path) }
    }

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close()  // once: deinit runs after a failed init too
            throw Failure(description: "connect: \(String(cString: strerror(code)))")
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Sends bytes; returns false once the peer stopped reading (EPIPE, ECONNRESET).
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        (try? await offPool { self.sendBlocking(bytes) }) ?? false
    }

    func sendBlocking(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Sends a text line (a newline is added).
    @discardableResult
    func send(line: String) async -> Bool {
        await send(Array((line + "\n").utf8))
    }

    /// Sends a request with id `id`.
    func send(_ command: ControlCommand, id: Int64) async throws {
        guard await send(try ControlJSON.line(ControlRequest(id: id, command: command))) else {
            throw Failure(description: "the server stopped reading")
        }
    }

    /// The next line, or nil at the end of the stream (or after the receive timeout).
    func readLine() async -> [UInt8]? {
        try? await offPool { self.readLineBlocking() }
    }

    func readLineBlocking() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// The next line as a JSON object.
    func readObject() async throws -> [String: Any] {
        guard let line = await readLine() else { throw Failure(description: "the connection ended") }
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw Failure(description: "not a JSON object: \(String(decoding: line, as: UTF8.self))")
        }
        return object
    }

    /// The next line decoded as `T`.
    func read<T: Decodable>(_ type: T.Type) async throws -> T {
        guard let line = await readLine() else { throw Failure(description: "the connection ended") }
        return try ControlJSON.decoder.decode(T.self, from: Data(line))
    }

    /// Reads the hello, sends the request, and decodes its `ok` result (throws on an `error` line).
    func call<R: Codable & Sendable>(_ command: ControlCommand, id: Int64 = 1, as type: R.Type,
                                     skipHello: Bool = false) async throws -> R {
        if !skipHello { _ = try await read(ServerHello.self) }
        try await send(command, id: id)
        guard let line = await readLine() else { throw Failure(description: "the connection ended") }
        let header = try ControlJSON.decoder.decode(ResponseLine.self, from: Data(line))
        if let error = header.error { throw error }
        return try ControlJSON.decoder.decode(OKLine<R>.self, from: Data(line)).result
    }
}

/// Runs blocking work on a Dispatch thread and waits for it without holding a cooperative thread.
func offPool<T>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}
