/// Any line from the server, decoded far enough to route it: its type, the request it answers and the
/// fields of the non-`ok` types. An `ok` line's `result` is decoded with ``OKLine`` once the caller knows
/// the type to expect.
public struct ResponseLine: Sendable, Decodable {
    public var type: ResponseType
    /// The request's id; nil on the hello and on errors about lines that had no readable id.
    public var id: Int64?
    public var error: ControlError?
    public var data: String?
    public var event: DaemonEvent?
    public var count: Int?
}

/// An `ok` line with its result.
public struct OKLine<Result: Codable & Sendable>: Sendable, Codable {
    public var type = ResponseType.ok
    public var id: Int64
    public var result: Result

    public init(id: Int64, result: Result) {
        self.id = id
        self.result = result
    }
}

/// An `error` line.
public struct ErrorLine: Sendable, Codable {
    public var type = ResponseType.error
    public var id: Int64?
    public var error: ControlError

    public init(id: Int64?, error: ControlError) {
        self.id = id
        self.error = error
    }
}

/// A `chunk` line of an export.
public struct ChunkLine: Sendable, Codable {
    public var type = ResponseType.chunk
    public var id: Int64
    public var data: String

    public init(id: Int64, data: String) {
        self.id = id
        self.data = data
    }
}

/// An `event` line of a watch.
public struct EventLine: Sendable, Codable {
    public var type = ResponseType.event
    public var id: Int64
    public var event: DaemonEvent

    public init(id: Int64, event: DaemonEvent) {
        self.id = id
        self.event = event
    }
}

/// The `end` line of a stream.
public struct EndLine: Sendable, Codable {
    public var type = ResponseType.end
    public var id: Int64
    public var count: Int

    public init(id: Int64, count: Int) {
        self.id = id
        self.count = count
    }
}
