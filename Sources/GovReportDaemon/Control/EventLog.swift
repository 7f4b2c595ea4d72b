public import ControlProtocol
import Foundation

/// The daemon's recent events, numbered, kept in a bounded ring for `watch` clients to follow and resume.
///
/// Sequence numbers start at 1 and grow by one per event for the life of the process. Followers get the
/// kept events after the number they ask for, then every new event as it is published.
public final class EventLog: Sendable {
    private let state: EventLogState
    private let capacity: Int
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - capacity: how many events are kept for followers that resume.
    ///   - followerBuffer: events a slow follower may fall behind by before it misses some (it then sees a
    ///     gap in the sequence numbers).
    public init(capacity: Int = 10_000, followerBuffer: Int = 10_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = max(1, capacity)
        self.clock = clock
        state = EventLogState(followerBuffer: followerBuffer)
    }

    /// Records an event and hands it to every follower.
    public func publish(_ kind: DaemonEvent.Kind, job: Int64? = nil, file: String? = nil, state: String? = nil,
                        detail: String? = nil) {
        let time = clock()
        self.state.withLock { s in
            s.lastSequence += 1
            let event = DaemonEvent(sequence: s.lastSequence, time: time, kind: kind, job: job, file: file,
                                    state: state, detail: detail)
            if s.ring.count < capacity {
                s.ring.append(event)
            } else {
                s.ring[s.head] = event
                s.head = (s.head + 1) % capacity
            }
            for continuation in s.followers.values { continuation.yield(event) }
        }
    }

    /// The kept events with a sequence number greater than `sequence`, oldest first.
    public func events(after sequence: UInt64) -> [DaemonEvent] {
        state.withLock { $0.ordered.filter { $0.sequence > sequence } }
    }

    /// The oldest kept sequence number (nil before the first event) and the newest (0 before the first).
    public var bounds: (oldest: UInt64?, latest: UInt64) {
        state.withLock { s in (s.ordered.first?.sequence, s.lastSequence) }
    }

    /// The kept events after `sequence` (none when nil), then every event published from now on, until the
    /// consuming task stops iterating.
    public func follow(after sequence: UInt64?) -> AsyncStream<DaemonEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: DaemonEvent.self,
                                                            bufferingPolicy: .bufferingOldest(state.followerBuffer))
        let id = UUID()
        state.withLock { s in
            if let sequence {
                for event in s.ordered where event.sequence > sequence { continuation.yield(event) }
            }
            s.followers[id] = continuation
        }
        continuation.onTermination = { [state] _ in
            state.withLock { _ = $0.followers.removeValue(forKey: id) }
        }
        return stream
    }

    /// The number of followers right now.
    public var followerCount: Int {
        state.withLock { $0.followers.count }
    }
}

/// The log's mutable parts behind one lock.
private final class EventLogState: @unchecked Sendable {
    struct Fields {
        var ring: [DaemonEvent] = []
        /// Index of the oldest event once the ring is full.
        var head = 0
        var lastSequence: UInt64 = 0
        var followers: [UUID: AsyncStream<DaemonEvent>.Continuation] = [:]

        /// The ring, oldest first.
        var ordered: [DaemonEvent] {
            head == 0 ? ring : Array(ring[head...] + ring[..<head])
        }
    }

    let followerBuffer: Int
    private let lock = NSLock()
    private var fields = Fields()

    init(followerBuffer: Int) {
        self.followerBuffer = max(1, followerBuffer)
    }

    func withLock<T>(_ body: (inout Fields) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&fields)
    }
}
