/// The kind of a line the server sends; every line has a `type`.
public enum ResponseType: String, Sendable, Hashable, Codable {
    /// The server's first line on every connection.
    case hello
    /// The request succeeded; `result` holds the answer. For `export` and `watch` the stream follows.
    case ok
    /// The request (or the connection) failed; `error` says why. Ends a stream too.
    case error
    /// A piece of an `export`, as text in `data`.
    case chunk
    /// One daemon event of a `watch`, in `event`.
    case event
    /// The last line of a stream; `count` is the number of items (reports, events) sent.
    case end
}
