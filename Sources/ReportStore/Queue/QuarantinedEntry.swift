/// An inbox entry the intake refused unread (a symlink, FIFO, device, a file over the size limit), recorded as
/// a `quarantined` job so that operators see it with its reason next to every other job.
public struct QuarantinedEntry: Sendable, Hashable {
    /// A synthetic document key (64 lowercase hex digits) that no content can share: the entry's bytes were
    /// never read (a symlink's target must never be), so its document row holds no bytes.
    public var documentKey: String
    public var fileName: String
    /// The inbox entry's identity (see ``IncomingFile/entry``); recording the same entry again is a no-op.
    public var entry: String
    /// Why it was refused; kept as the job's last error.
    public var reason: String
    /// The entry's size as `lstat`/`fstat` reported it (0 for a symlink).
    public var size: Int

    public init(documentKey: String, fileName: String, entry: String, reason: String, size: Int) {
        self.documentKey = documentKey
        self.fileName = fileName
        self.entry = entry
        self.reason = reason
        self.size = size
    }
}
