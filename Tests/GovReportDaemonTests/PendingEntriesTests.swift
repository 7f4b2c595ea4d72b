@testable import GovReportDaemon
import Testing

@Suite struct PendingEntriesTests {
    @Test func namesComeOutOnceInArrivalOrder() {
        var pending = PendingEntries()
        let now = ContinuousClock.now
        pending.add("a", closed: false)
        pending.add("b", closed: true)
        pending.add("a", closed: true)
        #expect(pending.count == 2)
        #expect(pending.isClosed("a") && pending.isClosed("b"))
        #expect(pending.takeDue(limit: 1, now: now) == ["a"])
        #expect(pending.takeDue(limit: 10, now: now) == ["b"])
        #expect(pending.takeDue(limit: 10, now: now).isEmpty)
    }

    @Test func aWaitingNameReturnsWhenItsWaitEndsOrWhenItIsClosed() {
        var pending = PendingEntries()
        let now = ContinuousClock.now
        pending.add("slow", closed: false)
        #expect(pending.takeDue(limit: 10, now: now) == ["slow"])
        pending.wait("slow", until: now + .seconds(5))
        #expect(pending.nextWaitEnd == now + .seconds(5))
        #expect(pending.takeDue(limit: 10, now: now + .seconds(1)).isEmpty)
        #expect(pending.takeDue(limit: 10, now: now + .seconds(5)) == ["slow"])

        pending.wait("slow", until: now + .seconds(60))
        pending.add("slow", closed: false)  // a scan does not end the wait
        #expect(pending.takeDue(limit: 10, now: now).isEmpty)
        pending.add("slow", closed: true)  // a close event does
        #expect(pending.takeDue(limit: 10, now: now) == ["slow"])
        pending.finish("slow")
        #expect(!pending.isClosed("slow"))
        #expect(pending.isEmpty)
    }
}
