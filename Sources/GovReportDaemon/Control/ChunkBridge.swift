import Foundation

/// Carries chunks from a producer on a blocking thread (an export reading SQLite) to an async consumer
/// (the socket writer), holding at most `capacity` chunks: the producer waits while the consumer is behind.
final class ChunkBridge: @unchecked Sendable {
    /// The consumer stopped (the client went away); the producer should give up.
    struct Abandoned: Error {}

    let chunks: AsyncThrowingStream<[UInt8], any Error>
    private let continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var abandoned = false

    init(capacity: Int = 4) {
        (chunks, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        slots = DispatchSemaphore(value: capacity)
    }

    /// Producer: hands over one chunk, waiting for a free slot; throws ``Abandoned`` once the consumer stopped.
    func send(_ chunk: [UInt8]) throws {
        slots.wait()
        if lock.withLock({ abandoned }) {
            slots.signal()
            throw Abandoned()
        }
        continuation.yield(chunk)
    }

    /// Producer: no more chunks (with the error, if it failed).
    func finish(throwing error: (any Error)? = nil) {
        continuation.finish(throwing: error)
    }

    /// Consumer: one chunk is written, its slot is free again.
    func consumed() {
        slots.signal()
    }

    /// Consumer: stops taking chunks; a waiting producer wakes and gives up.
    func abandon() {
        lock.withLock { abandoned = true }
        slots.signal()
    }
}
