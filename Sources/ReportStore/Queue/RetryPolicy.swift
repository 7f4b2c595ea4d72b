/// When a transiently failing job runs again, as a value: exponential back-off with jitter, up to a cap.
public struct RetryPolicy: Sendable, Hashable {
    /// Runs allowed in all; the run that fails transiently after this many makes the job `failed`.
    public var maxAttempts: Int
    /// The wait after the first failure; each later failure doubles it.
    public var baseDelay: Duration
    /// The longest wait.
    public var maxDelay: Duration
    /// How much of each wait is random: 0 waits exactly, 0.5 waits between half and all of it, 1 anywhere up to it.
    public var jitter: Double

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, jitter: Double) {
        precondition(maxAttempts >= 1 && (0...1).contains(jitter))
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Exponential back-off with jitter.
    public static func exponentialJitter(maxAttempts: Int = 5, baseDelay: Duration = .seconds(5),
                                         maxDelay: Duration = .seconds(600), jitter: Double = 0.5) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay, jitter: jitter)
    }

    /// One run only: a transient failure makes the job `failed` at once.
    public static let dontRetry = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, jitter: 0)

    /// Five runs, 5 s doubling up to 10 min, half of each wait random.
    public static let standard = exponentialJitter()

    /// Whether a job that has failed transiently on its `attempt`-th run (1-based) runs again.
    public func shouldRetry(attempt: Int) -> Bool { attempt < maxAttempts }

    /// The wait before the next run after the `attempt`-th run failed.
    public func backoff(attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return backoff(attempt: attempt, using: &generator)
    }

    /// ``backoff(attempt:)`` with a given source of randomness.
    public func backoff(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        let full = min(Self.seconds(maxDelay), Self.seconds(baseDelay) * pow2(exponent))
        let random = jitter == 0 ? 0 : Double.random(in: 0..<1, using: &generator)
        return .milliseconds(Int64((full * (1 - jitter * random) * 1000).rounded()))
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
