import Foundation
import NIOPosix

/// Threads for work that blocks (SQLite calls, file reads, parsing), so it never runs on Swift's
/// cooperative pool.
final class BlockingPool: Sendable {
    private let pool: NIOThreadPool

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    /// Runs `body` on one of the pool's threads.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Runs `body` on the pool but stops waiting after `limit`: nil then, and the body's result is dropped
    /// when it ends (a call that blocks cannot be cancelled).
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T, limit: Duration) async throws -> T? {
        let race = Race<T>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            race.install(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                race.finish(.success(nil))
            }
            Task {
                do {
                    let value = try await self.run(body)
                    race.finish(.success(value))
                } catch {
                    race.finish(.failure(error))
                }
                timer.cancel()
            }
        }
    }
}

/// The first of several results to arrive wins; the others are dropped.
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T?, any Error>?

    func install(_ continuation: CheckedContinuation<T?, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func finish(_ result: Result<T?, any Error>) {
        let waiting = lock.withLock {
            let waiting = continuation
            continuation = nil
            return waiting
        }
        waiting?.resume(with: result)
    }
}
