/// A job handed to a worker: everything it needs to parse, validate and complete it.
public struct ClaimedJob: Sendable, Hashable {
    public var id: JobID
    public var sha256: String
    public var fileName: String
    public var bytes: [UInt8]
    /// Runs that ended before this one.
    public var attempts: Int
    public var rescues: Int

    public init(id: JobID, sha256: String, fileName: String, bytes: [UInt8], attempts: Int, rescues: Int) {
        self.id = id
        self.sha256 = sha256
        self.fileName = fileName
        self.bytes = bytes
        self.attempts = attempts
        self.rescues = rescues
    }
}
