import Testing
@testable import ReportStore

@Suite struct RetryPolicyTests {
    @Test func backOffDoublesUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(2), maxDelay: .seconds(30), jitter: 0)
        #expect((1...6).map { policy.backoff(attempt: $0) } == [2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }

    @Test func jitterStaysWithinItsShare() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(8), maxDelay: .seconds(60), jitter: 0.5)
        let delays = (0..<200).map { _ in policy.backoff(attempt: 1) }
        #expect(delays.allSatisfy { $0 >= .seconds(4) && $0 <= .seconds(8) })
        #expect(Set(delays).count > 1)
    }

    @Test func shouldRetryCountsAttempts() {
        let policy = RetryPolicy.exponentialJitter(maxAttempts: 3)
        #expect([1, 2, 3].map(policy.shouldRetry) == [true, true, false])
        #expect(RetryPolicy.dontRetry.shouldRetry(attempt: 1) == false)
    }
}
