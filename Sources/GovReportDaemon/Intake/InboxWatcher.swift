import Foundation

/// Watches the inbox with inotify on a thread of its own and collects the names of entries that were created,
/// closed after writing or moved in; an event queue overflow is remembered so the intake rescans.
final class InboxWatcher: @unchecked Sendable {
    private let inotify: Inotify
    private let doorbell: Doorbell
    private let lock = NSLock()
    private var names: [(name: String, complete: Bool)] = []
    private var overflowed = false
    private var stopped = false
    /// Above this many uncollected names the watcher forgets them and asks for a rescan instead.
    private let maxNames = 100_000

    /// Starts watching `directory` (events are collected from then on) and rings `doorbell` for each batch.
    init(directory: String, doorbell: Doorbell) throws(SystemError) {
        inotify = try Inotify(watching: directory)
        self.doorbell = doorbell
        let thread = Thread { [self] in watch() }
        thread.name = "inbox-watcher"
        thread.start()
    }

    /// Names seen since the last call (complete: closed after writing or moved in), and whether events were
    /// lost (queue overflow): then scan the inbox.
    func take() -> (names: [(name: String, complete: Bool)], overflowed: Bool) {
        lock.withLock {
            defer {
                names.removeAll(keepingCapacity: true)
                overflowed = false
            }
            return (names, overflowed)
        }
    }

    /// Ends the watching thread (within a quarter second).
    func stop() {
        lock.withLock { stopped = true }
    }

    private func watch() {
        while !lock.withLock({ stopped }) {
            guard inotify.wait(milliseconds: 250) else { continue }
            let events = inotify.readEvents()
            guard !events.isEmpty else { continue }
            lock.withLock {
                for event in events {
                    if event.isOverflow {
                        overflowed = true
                    } else if !event.name.isEmpty {
                        names.append((event.name, event.isComplete))
                    }
                }
                if names.count > maxNames {
                    names.removeAll()
                    overflowed = true
                }
            }
            doorbell.ring()
        }
    }
}
