public import ControlProtocol
import Foundation

/// The daemon's recent events, numbered, kept in a bounded ring for `watch` clients to follow and resume.
public final class EventLog: Sendable {
    public init(capacity: Int = 10_000) {}

    /// Records an event and hands it to every follower.
    public func publish(_ kind: DaemonEvent.Kind, job: Int64? = nil, file: String? = nil, state: String? = nil,
                        detail: String? = nil) {}
}
