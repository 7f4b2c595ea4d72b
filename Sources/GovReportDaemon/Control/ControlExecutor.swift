import Dispatch

/// Runs the control server's tasks on a thread of its own, so that `status` is answered at once even while
/// CPU-bound work (parsing, tests) keeps the cooperative pool busy. Blocking store calls still go to NIO's
/// thread pool; what runs here only waits and encodes lines.
final class ControlExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "govreport.control-socket")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
