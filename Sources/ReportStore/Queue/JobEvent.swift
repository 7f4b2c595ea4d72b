import Foundation

/// One line of a job's append-only history: a state change and why.
public struct JobEvent: Sendable, Hashable {
    public var at: Date
    /// Nil for the event that created the job.
    public var from: JobState?
    public var to: JobState
    public var note: String?

    public init(at: Date, from: JobState?, to: JobState, note: String? = nil) {
        self.at = at
        self.from = from
        self.to = to
        self.note = note
    }
}
