/// The inbox names the intake still has to look at: a first-in first-out queue of names to look at now, and
/// names waiting for a settle period to end. A name is in one of them at most once.
struct PendingEntries {
    private var queue: [String] = []
    private var head = 0
    private var queued: Set<String> = []
    private var waiting: [String: ContinuousClock.Instant] = [:]
    /// Names for which a close-after-write or moved-in event was seen: complete, no settle wait.
    private var closed: Set<String> = []

    var isEmpty: Bool { queued.isEmpty && waiting.isEmpty }
    var count: Int { queued.count + waiting.count }

    /// Adds a name found by a scan, or (`closed`) reported by an event; an event ends a settle wait.
    mutating func add(_ name: String, closed isClosed: Bool) {
        if isClosed { closed.insert(name) }
        if queued.contains(name) { return }
        if waiting[name] != nil {
            guard isClosed else { return }
            waiting[name] = nil
        }
        queued.insert(name)
        queue.append(name)
    }

    /// Whether an event said the file is complete.
    func isClosed(_ name: String) -> Bool { closed.contains(name) }

    /// Up to `limit` names to look at now, oldest first (waits that ended included).
    mutating func takeDue(limit: Int, now: ContinuousClock.Instant) -> [String] {
        if !waiting.isEmpty {
            for (name, due) in waiting where due <= now {
                waiting[name] = nil
                queued.insert(name)
                queue.append(name)
            }
        }
        var names: [String] = []
        while names.count < limit && head < queue.count {
            let name = queue[head]
            head += 1
            queued.remove(name)
            names.append(name)
        }
        if head > 4096 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return names
    }

    /// Looks at `name` again at `due`.
    mutating func wait(_ name: String, until due: ContinuousClock.Instant) {
        guard !queued.contains(name) else { return }
        waiting[name] = due
    }

    /// The intake is done with `name` (accepted, quarantined, gone).
    mutating func finish(_ name: String) {
        closed.remove(name)
    }

    /// When the earliest settle wait ends; nil when there is none.
    var nextWaitEnd: ContinuousClock.Instant? { waiting.values.min() }

    /// True when names are queued to be looked at now.
    var hasQueued: Bool { head < queue.count }
}
