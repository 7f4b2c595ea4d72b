/// An `error` response: a stable code for programs and a message in Chinese for people.
public struct ControlError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable error code. Clients must accept codes they do not know (treat them like `internal`).
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The line is not a request (not JSON, no `id` or `command`), or its `params` do not fit the command.
        public static let badRequest = Code(rawValue: "bad_request")
        public static let unknownCommand = Code(rawValue: "unknown_command")
        /// No such job, report or finding.
        public static let notFound = Code(rawValue: "not_found")
        /// The peer may not run this command (or may not use the socket at all).
        public static let permissionDenied = Code(rawValue: "permission_denied")
        /// A line longer than the server's limit; the server closes the connection.
        public static let lineTooLong = Code(rawValue: "line_too_long")
        /// The client's hello names no protocol version the server speaks.
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        /// The server has as many connections as it allows; it closes this one.
        public static let tooManyConnections = Code(rawValue: "too_many_connections")
        /// The connection was idle too long; the server closes it.
        public static let idleTimeout = Code(rawValue: "idle_timeout")
        /// The job is in a state the command cannot act on (e.g. retrying a queued job).
        public static let invalidState = Code(rawValue: "invalid_state")
        /// The request names more than one thing where it must name one (a fingerprint in several reports).
        public static let ambiguous = Code(rawValue: "ambiguous")
        /// The daemon is stopping.
        public static let shuttingDown = Code(rawValue: "shutting_down")
        /// Something went wrong inside the daemon; its log says more.
        public static let `internal` = Code(rawValue: "internal")

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) (\(code.rawValue))" }
}
