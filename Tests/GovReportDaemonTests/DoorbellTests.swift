@testable import GovReportDaemon
import Testing

@Suite struct DoorbellTests {
    @Test func aRingBeforeTheWaitIsKept() async {
        let doorbell = Doorbell()
        doorbell.ring()
        let start = ContinuousClock.now
        await doorbell.wait(timeout: .seconds(10))
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func aRingWakesTheWaiter() async {
        let doorbell = Doorbell()
        let start = ContinuousClock.now
        Task {
            try? await Task.sleep(for: .milliseconds(50))
            doorbell.ring()
        }
        await doorbell.wait(timeout: .seconds(10))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func withoutARingTheWaitEndsAtTheTimeout() async {
        let doorbell = Doorbell()
        let start = ContinuousClock.now
        await doorbell.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }
}
