import ControlProtocol
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The control socket: serves the JSON-lines protocol of `docs/protocol.md` on a Unix socket to
/// `govreportctl` and scripts, one child task per connection, until graceful shutdown.
///
/// - Important: It binds at start: a stale socket file left by a crash is replaced, but if another daemon
///   answers on the path `run()` throws ``ControlServerError/alreadyServing(_:)``. The socket file is removed
///   when `run()` returns.
public struct ControlServer: Service {
    /// Where the socket is, who may use it, and the limits per connection.
    public struct Configuration: Sendable {
        public var socketPath: String
        /// The socket file's mode; with the group, it decides who can connect at all.
        public var socketMode: UInt32
        /// Members may run read commands; the socket file is given this group. Nil: the daemon's own group.
        public var readGroup: AccessGroup?
        /// Members may run every command. Nil: root and the daemon's own user.
        public var adminGroup: AccessGroup?
        /// A request line longer than this gets `line_too_long` and the connection is closed.
        public var maxLineBytes: Int
        /// Connections beyond this get `too_many_connections` and are closed.
        public var maxConnections: Int
        /// A connection that sends nothing for this long, with no request running, is closed.
        public var idleTimeout: Duration

        public init(socketPath: String, socketMode: UInt32 = 0o660, readGroup: AccessGroup? = nil,
                    adminGroup: AccessGroup? = nil, maxLineBytes: Int = 1 << 20, maxConnections: Int = 256,
                    idleTimeout: Duration = .seconds(300)) {
            self.socketPath = socketPath
            self.socketMode = socketMode
            self.readGroup = readGroup
            self.adminGroup = adminGroup
            self.maxLineBytes = maxLineBytes
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
        }
    }

    let configuration: Configuration
    let context: ControlContext
    let logger: Logger

    public init(configuration: Configuration, context: ControlContext, logger: Logger) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
    }

    public func run() async throws {
        let executor = ControlExecutor()
        try await withTaskExecutorPreference(executor) { try await serve(on: executor) }
    }

    /// Binds, serves until stopped, removes the socket file.
    private func serve(on executor: ControlExecutor) async throws {
        let readGID = try configuration.readGroup.map(Self.resolve)
        let adminGID = try configuration.adminGroup.map(Self.resolve)
        let policy = AccessPolicy(readGID: readGID, adminGID: adminGID,
                                  adminGroupConfigured: configuration.adminGroup != nil)
        let context = context
        let handler = try await NIOThreadPool.singleton.runIfActive { try ControlCommandHandler(context: context) }
        let path = configuration.socketPath
        try ControlSocketFile.clearStale(at: path)

        let maxLineBytes = configuration.maxLineBytes
        let idle = TimeAmount.nanoseconds(Self.nanoseconds(configuration.idleTimeout))
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) { channel in
                PeerCredentials.of(channel).flatMapThrowing { credentials in
                    let closer = ControlConnectionGuard()
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
                    try pipeline.addHandler(ByteToMessageHandler(ControlLineDecoder(maxLineBytes: maxLineBytes)))
                    try pipeline.addHandler(closer)
                    let async = try NIOAsyncChannel<ControlInbound, ByteBuffer>(wrappingChannelSynchronously: channel)
                    return ControlConnection.Accepted(channel: async, credentials: credentials, idle: closer)
                }
            }
        defer { ControlSocketFile.remove(path) }
        try ControlSocketFile.secure(path, mode: configuration.socketMode, group: readGID)
        logger.info("control socket listening", metadata: ["socket": "\(path)"])

        let open = LockedValue(0)
        let maxConnections = configuration.maxConnections
        let logger = logger
        // The accept loop runs shielded from cancellation: stopping (graceful shutdown or cancellation) closes
        // the listening socket, the loop takes every connection already accepted (an accepted connection that
        // is never served must not be dropped), and then the open connections are cancelled.
        let serving = Task(executorPreference: executor) {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await accepted in inbound {
                        let admitted = open.withLock { count in
                            count += 1
                            return count <= maxConnections
                        }
                        group.addTask {
                            defer { open.withLock { $0 -= 1 } }
                            let connection = ControlConnection(accepted: accepted, handler: handler, policy: policy,
                                                               events: context.events, logger: logger)
                            await connection.serve(admitted: admitted)
                        }
                    }
                }
                // The listening socket is closed: end the connections still open (watchers never end by themselves).
                group.cancelAll()
            }
        }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await serving.value
            } onGracefulShutdown: {
                server.channel.close(promise: nil)
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
        logger.info("control socket closed", metadata: ["socket": "\(path)"])
    }

    private static func resolve(_ group: AccessGroup) throws -> UInt32 {
        guard let gid = group.resolve() else { throw ControlServerError.unknownGroup(group.description) }
        return gid
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
