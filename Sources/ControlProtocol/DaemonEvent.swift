import Foundation

/// Something that happened in the daemon, as `watch` streams it. `sequence` grows by one per event, so a
/// client that reconnects asks for the events after the last one it saw.
public struct DaemonEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable {
        case accepted, duplicate, quarantined, started, stored, retrying, rejected, failed, retried
        case intakePaused = "intake_paused", intakeResumed = "intake_resumed", reloaded
    }

    public var sequence: UInt64
    public var time: Date
    public var kind: Kind
    public var job: Int64?
    public var file: String?
    /// The job's state after the event, when it concerns a job.
    public var state: String?
    /// A person-readable detail (a rejection reason, the stored report's status), in Chinese.
    public var detail: String?

    public init(sequence: UInt64, time: Date, kind: Kind, job: Int64? = nil, file: String? = nil,
                state: String? = nil, detail: String? = nil) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.job = job
        self.file = file
        self.state = state
        self.detail = detail
    }
}
