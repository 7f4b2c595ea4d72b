import ControlProtocol
import Logging
import NIOCore
import NIOPosix

/// One client connection: the hello, then requests answered in order until the client hangs up, sends a
/// line that is too long, or stays idle too long. Errors end this connection only.
struct ControlConnection {
    /// A connection as the server's channel initializer hands it over.
    struct Accepted: Sendable {
        var channel: NIOAsyncChannel<ControlInbound, ByteBuffer>
        var credentials: PeerCredentials
        var idle: ControlConnectionGuard
    }

    let accepted: Accepted
    let handler: ControlCommandHandler
    let policy: AccessPolicy
    let events: EventLog
    let logger: Logger

    /// Answers the connection until it ends; never throws. `admitted` is false beyond the connection limit.
    func serve(admitted: Bool) async {
        let credentials = accepted.credentials
        var logger = logger
        logger[metadataKey: "peer_pid"] = "\(credentials.pid)"
        logger[metadataKey: "peer_uid"] = "\(credentials.uid)"
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                let writer = LineWriter(outbound: outbound)
                guard admitted else {
                    try await writer.error(nil, ControlError(.tooManyConnections, "连接数已达上限，请稍后再试"))
                    return
                }
                let peer = PeerInfo(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid,
                                    user: credentials.userName, access: policy.access(for: credentials))
                guard peer.access != .none else {
                    logger.notice("control connection refused: not in the read or admin group")
                    try await writer.error(nil, ControlError(.permissionDenied,
                        "用户 \(peer.user)（uid \(peer.uid)）不在可以读取的用户组中，无权使用控制接口"))
                    return
                }
                let hello = ServerHello(daemon: DaemonVersion.string, capabilities: ServerHello.allCapabilities,
                                        peer: peer)
                try await writer.write(hello)
                for try await item in inbound {
                    switch item {
                    case .tooLong:
                        return  // ControlConnectionGuard has answered line_too_long and closed the connection
                    case .line(let line):
                        guard line.readableBytesView.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
                        accepted.idle.busy.withLock { $0 = true }
                        defer { accepted.idle.busy.withLock { $0 = false } }
                        try await respond(to: line, peer: peer, hello: hello, writer: writer, logger: logger)
                    }
                }
            }
        } catch {
            logger.debug("control connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    /// Decodes and answers one request line.
    private func respond(to line: ByteBuffer, peer: PeerInfo, hello: ServerHello, writer: LineWriter,
                         logger: Logger) async throws {
        let request: ControlRequest
        switch ControlRequest.decode(line: line.readableBytesView) {
        case .success(let decoded):
            request = decoded
        case .failure(.malformed(let detail)):
            return try await writer.error(nil, ControlError(.badRequest, "无法理解的请求：\(detail)"))
        case .failure(.unknownCommand(let id, let name)):
            return try await writer.error(id, ControlError(.unknownCommand, "没有“\(name)”这个命令"))
        case .failure(.badParameters(let id, let detail)):
            return try await writer.error(id, ControlError(.badRequest, "参数不对：\(detail)"))
        }
        let id = request.id
        if request.command.changesState && peer.access != .admin {
            logger.notice("control command refused", metadata: ["command": "\(request.command.name)"])
            return try await writer.error(id, ControlError(.permissionDenied,
                "用户 \(peer.user) 不在管理用户组中，不能执行 \(request.command.name)"))
        }
        let handler = handler
        do {
            switch request.command {
            case .hello(let hi):
                guard hi.protocols.contains(ProtocolVersion.current) else {
                    return try await writer.error(id, ControlError(.unsupportedVersion,
                        "守护进程只支持协议版本 \(ProtocolVersion.current)，客户端支持 \(hi.protocols)"))
                }
                try await writer.ok(id, hello)
            case .status:
                try await writer.ok(id, try await blocking { try handler.status() })
            case .jobs(let query):
                try await writer.ok(id, try await blocking { try handler.jobs(query) })
            case .show(let show):
                try await writer.ok(id, try await blocking { try handler.show(show) })
            case .retry(let retry):
                try await writer.ok(id, try await blocking { try handler.retry(retry) })
            case .pause:
                try await writer.ok(id, try await blocking { try handler.setIntakePaused(true) })
            case .resume:
                try await writer.ok(id, try await blocking { try handler.setIntakePaused(false) })
            case .decide(let decision):
                let user = peer.user
                try await writer.ok(id, try await blocking { try handler.decide(decision, by: user) })
            case .compare(let compare):
                try await writer.ok(id, try await blocking { try handler.compare(compare) })
            case .export(let export):
                try await stream(export, id: id, writer: writer)
            case .watch(let watch):
                try await follow(watch, id: id, writer: writer)
            }
        } catch let error as ControlError {
            try await writer.error(id, error)
        } catch let error as LineWriter.WriteFailed {
            throw error
        } catch {
            logger.error("control command failed", metadata: ["command": "\(request.command.name)", "error": "\(error)"])
            try await writer.error(id, ControlCommandHandler.controlError(error))
        }
    }

    /// Streams an export: `ok`, `chunk` lines, `end` (or `error` if reading the store fails midway).
    private func stream(_ request: ExportRequest, id: Int64, writer: LineWriter) async throws {
        try await writer.ok(id, request.format == .rows ? ControlCommandHandler.rowsStart : ExportStart(format: request.format))
        let bridge = ChunkBridge()
        let handler = handler
        let producer = Task {
            try await NIOThreadPool.singleton.runIfActive {
                do {
                    let count = try handler.export(request) { try bridge.send($0) }
                    bridge.finish()
                    return count
                } catch {
                    bridge.finish(throwing: error)
                    throw error
                }
            }
        }
        do {
            for try await chunk in bridge.chunks {
                if let line = ChunkLine.line(id: id, data: chunk) {
                    try await writer.write(line: line)
                } else {
                    try await writer.write(ChunkLine(id: id, data: String(decoding: chunk, as: UTF8.self)))
                }
                bridge.consumed()
            }
        } catch let error as LineWriter.WriteFailed {
            bridge.abandon()
            _ = try? await producer.value
            throw error
        } catch {
            bridge.abandon()
            _ = try? await producer.value
            throw ControlCommandHandler.controlError(error)
        }
        try await writer.write(EndLine(id: id, count: try await producer.value))
    }

    /// Follows the event log: `ok` with the kept range, then `event` lines until the client hangs up or the
    /// server stops (then `end`).
    private func follow(_ request: WatchRequest, id: Int64, writer: LineWriter) async throws {
        let bounds = events.bounds
        let stream = events.follow(after: request.after)
        try await writer.ok(id, WatchStart(oldest: bounds.oldest, latest: bounds.latest))
        let channel = accepted.channel.channel
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Ends when the follower is cancelled (the server stops) or the client is gone.
                var sent = 0
                do {
                    for await event in stream {
                        try await writer.write(EventLine(id: id, event: event))
                        sent += 1
                    }
                    try? await writer.write(EndLine(id: id, count: sent))
                } catch {}
                // Either way the connection is over; closing it also ends the other task.
                channel.close(promise: nil)
            }
            group.addTask {
                // The client hangs up (a watcher sends nothing, so only the channel's close tells).
                try? await channel.closeFuture.get()
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Runs blocking store work on NIO's thread pool, off the cooperative pool.
    private func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}

/// Writes response lines to a connection.
struct LineWriter: Sendable {
    /// Writing to the client failed (it went away); the connection is over.
    struct WriteFailed: Error {
        var underlying: any Error
    }

    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    func write(_ value: some Encodable) async throws {
        let line = try ControlJSON.line(value)
        do {
            try await outbound.write(ByteBuffer(bytes: line))
        } catch {
            throw WriteFailed(underlying: error)
        }
    }

    /// Writes a line already encoded (ending in a newline).
    func write(line: [UInt8]) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: line))
        } catch {
            throw WriteFailed(underlying: error)
        }
    }

    func ok<R: Codable & Sendable>(_ id: Int64, _ result: R) async throws {
        try await write(OKLine(id: id, result: result))
    }

    func error(_ id: Int64?, _ error: ControlError) async throws {
        try await write(ErrorLine(id: id, error: error))
    }
}
