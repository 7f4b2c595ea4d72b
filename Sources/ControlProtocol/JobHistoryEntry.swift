import Foundation

/// One state change of a job.
public struct JobHistoryEntry: Sendable, Hashable, Codable {
    public var at: Date
    /// Nil for the event that created the job.
    public var from: String?
    public var to: String
    public var note: String?

    public init(at: Date, from: String?, to: String, note: String?) {
        self.at = at
        self.from = from
        self.to = to
        self.note = note
    }
}
