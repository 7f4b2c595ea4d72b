/// What the queue did with one offered file. In every case the file is now safe to unlink from the inbox.
public enum EnqueueOutcome: Sendable, Hashable {
    /// New bytes: stored, and a `queued` job created.
    case accepted(JobID)
    /// Known bytes under a new entry: a `duplicate` job pointing at the first job (nil if it was pruned).
    case duplicate(JobID, of: JobID?)
    /// The same entry was accepted before (an inbox file left behind by a crash): nothing recorded.
    case alreadyAccepted(JobID)

    /// The job that stands for the file.
    public var jobID: JobID {
        switch self {
        case .accepted(let id), .duplicate(let id, _), .alreadyAccepted(let id): id
        }
    }
}
