import Foundation

/// Compresses sheet XML on a thread of its own, in the order the buffers are handed over, so building the XML
/// and deflating it run side by side. At most `depth` buffers wait or are being compressed at a time (the
/// caller waits for a free slot), and buffers are reused, so memory stays bounded.
final class CompressionPipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "govreport.xlsx.deflate")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private let bufferCapacity: Int
    // Guarded by `lock`.
    private var spare: [XMLBuffer] = []
    private var failure: (any Error)?

    init(depth: Int = 4, bufferCapacity: Int) {
        slots = DispatchSemaphore(value: depth)
        self.bufferCapacity = bufferCapacity
    }

    /// An empty buffer: a reused one, or a new one.
    func emptyBuffer() -> XMLBuffer {
        lock.withLock { spare.popLast() } ?? XMLBuffer(capacity: bufferCapacity)
    }

    /// Hands `buffer` over to be compressed into `deflater` (and then reused); the caller must not touch it
    /// again. Throws the failure of earlier work, if any.
    func compress(_ buffer: XMLBuffer, into deflater: Deflater) throws {
        try checkFailure()
        slots.wait()
        queue.async { [self] in
            do {
                try deflater.write(buffer.bytes)
            } catch {
                record(error)
            }
            buffer.removeAll()
            lock.withLock { spare.append(buffer) }
            slots.signal()
        }
    }

    /// Ends `deflater`'s stream once everything handed over before is compressed.
    func finish(_ deflater: Deflater) {
        queue.async { [self] in
            do {
                try deflater.finish()
            } catch {
                record(error)
            }
        }
    }

    /// Waits until everything handed over is compressed; throws the first failure.
    func drain() throws {
        queue.sync {}
        try checkFailure()
    }

    private func record(_ error: any Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    private func checkFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
