import Foundation
@testable import GovReportDaemon
import Testing

/// The other tests of this target block threads while they wait for daemons, so wake-ups here can be late by
/// many seconds: the bounds only tell a ring from a timeout.
@Suite struct DoorbellTests {
    @Test func aRingBeforeTheWaitIsKept() async {
        let doorbell = Doorbell()
        doorbell.ring()
        let start = ContinuousClock.now
        await doorbell.wait(timeout: .seconds(300))
        #expect(ContinuousClock.now - start < .seconds(150))
    }

    @Test func aRingWakesTheWaiter() async {
        let doorbell = Doorbell()
        let start = ContinuousClock.now
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            doorbell.ring()
        }
        await doorbell.wait(timeout: .seconds(300))
        #expect(ContinuousClock.now - start < .seconds(150))
    }

    @Test func withoutARingTheWaitEndsAtTheTimeout() async {
        let doorbell = Doorbell()
        let start = ContinuousClock.now
        await doorbell.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }
}
