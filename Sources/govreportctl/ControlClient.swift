import ControlProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking client of the daemon's control socket: one connection, one request at a time.
final class ControlClient {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var nextID: Int64 = 1
    /// The server's hello, read on connect.
    private(set) var hello: ServerHello!

    /// Connects to the socket and reads the server's hello.
    init(path: String) throws(ClientFailure) {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .unreachable(path: path, reason: String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            hangUp()
            throw .unreachable(path: path, reason: "路径太长")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            hangUp()
            if code == EACCES || code == EPERM { throw .permissionDenied(path: path) }
            throw .unreachable(path: path, reason: String(cString: strerror(code)))
        }
        let first = try readResponse()
        if let error = first.line.error { throw .server(error) }
        guard first.line.type == .hello else { throw .protocolError("守护进程的第一行不是 hello") }
        do {
            hello = try ControlJSON.decoder.decode(ServerHello.self, from: first.data)
        } catch {
            throw .protocolError("无法读取守护进程的 hello：\(error)")
        }
        guard hello.protocols.contains(ProtocolVersion.current) else {
            throw .protocolError("守护进程不支持协议版本 \(ProtocolVersion.current)（它支持 \(hello.protocols)）")
        }
    }

    deinit { hangUp() }

    /// Closes the socket once (deinit also runs after a failed init).
    private func hangUp() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Sends a request and decodes its `ok` result as `R`; an `error` line throws ``ClientFailure/server(_:)``.
    func call<R: Codable & Sendable>(_ command: ControlCommand, as type: R.Type = R.self) throws(ClientFailure) -> R {
        let id = try send(command)
        let response = try readResponse(for: id)
        if let error = response.line.error { throw .server(error) }
        do {
            return try ControlJSON.decoder.decode(OKLine<R>.self, from: response.data).result
        } catch {
            throw .protocolError("无法读取 \(command.name) 的结果：\(ControlJSON.describe(error))")
        }
    }

    /// Sends a streaming request (export, watch), hands each `chunk` / `event` line to `item`, and returns
    /// the `end` count. `item` returns false to stop early (the connection is then closed by the caller).
    @discardableResult
    func stream(_ command: ControlCommand, item: (ResponseLine) throws -> Bool) throws -> Int? {
        let id = try send(command)
        let first = try readResponse(for: id)
        if let error = first.line.error { throw ClientFailure.server(error) }
        while true {
            let response = try readResponse(for: id)
            switch response.line.type {
            case .end: return response.line.count ?? 0
            case .error: throw ClientFailure.server(response.line.error ?? ControlError(.internal, "未知错误"))
            case .chunk, .event:
                if try !item(response.line) { return nil }
            case .ok, .hello: continue
            }
        }
    }

    private func send(_ command: ControlCommand) throws(ClientFailure) -> Int64 {
        let id = nextID
        nextID += 1
        let line: [UInt8]
        do {
            line = try ControlJSON.line(ControlRequest(id: id, command: command))
        } catch {
            throw .protocolError("无法编码请求：\(error)")
        }
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .connectionLost(String(cString: strerror(errno)))
            }
            offset += written
        }
        return id
    }

    /// The next line for request `id` (lines for other ids are skipped; errors without an id count).
    private func readResponse(for id: Int64? = nil) throws(ClientFailure) -> (line: ResponseLine, data: Data) {
        while true {
            guard let bytes = try readLine() else { throw .connectionLost("守护进程关闭了连接") }
            let (line, data) = try decode(bytes)
            if let id, let lineID = line.id, lineID != id { continue }
            return (line, data)
        }
    }

    private func decode(_ bytes: [UInt8]) throws(ClientFailure) -> (line: ResponseLine, data: Data) {
        let data = Data(bytes)
        do {
            return (try ControlJSON.decoder.decode(ResponseLine.self, from: data), data)
        } catch {
            throw .protocolError("守护进程发来无法理解的一行：\(ControlJSON.describe(error))")
        }
    }

    /// Sends an export request, hands the `ok` line's bytes to `start` and each chunk's data to `chunk`, and
    /// returns the `end` count. Chunk lines as the server writes them (`{"data":"…","id":N,"type":"chunk"}`)
    /// are unescaped in place instead of going through a JSON decoder; any other line is decoded in full.
    func streamChunks(_ command: ControlCommand, start: (Data) throws -> Void,
                      chunk: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let id = try send(command)
        let first = try readResponse(for: id)
        if let error = first.line.error { throw ClientFailure.server(error) }
        try start(first.data)
        let prefix = Array(#"{"data":""#.utf8)
        let suffix = Array(#","id":\#(id),"type":"chunk"}"#.utf8)
        var data: [UInt8] = []
        while true {
            guard let bytes = try readLine() else { throw ClientFailure.connectionLost("守护进程关闭了连接") }
            if Self.unescapeChunk(bytes, prefix: prefix, suffix: suffix, into: &data) {
                try data.withUnsafeBytes { try chunk($0) }
                continue
            }
            let line = try decode(bytes).line
            if let lineID = line.id, lineID != id { continue }
            switch line.type {
            case .end: return line.count ?? 0
            case .error: throw ClientFailure.server(line.error ?? ControlError(.internal, "未知错误"))
            case .chunk:
                var text = line.data ?? ""
                try text.withUTF8 { try chunk(UnsafeRawBufferPointer($0)) }
            case .ok, .hello, .event: continue
            }
        }
    }

    /// The `data` of a chunk line written exactly as `prefix` + JSON string + `suffix`, unescaped into `out`;
    /// false when the line has any other shape (then it is decoded in full).
    static func unescapeChunk(_ line: [UInt8], prefix: [UInt8], suffix: [UInt8], into out: inout [UInt8]) -> Bool {
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        guard end >= prefix.count + suffix.count, line.starts(with: prefix),
              line[(end - suffix.count)..<end].elementsEqual(suffix) else { return false }
        out.removeAll(keepingCapacity: true)
        let stop = end - suffix.count - 1  // the closing quote
        guard line[stop] == 0x22 else { return false }
        // The string must close exactly at `stop`: a quote inside it would mean another shape of line.
        let closed = line.withUnsafeBytes { bytes in
            JSONStringBody.unescape(UnsafeRawBufferPointer(rebasing: bytes[..<(stop + 1)]), from: prefix.count, into: &out)
        }
        return closed == stop + 1
    }

    private func readLine() throws(ClientFailure) -> [UInt8]? {
        var searched = 0
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            searched = buffer.count
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .connectionLost(String(cString: strerror(errno)))
            }
            if count == 0 { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
