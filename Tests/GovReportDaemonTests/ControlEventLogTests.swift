import ControlProtocol
import Foundation
import GovReportDaemon
import Testing

/// The event log `watch` follows: numbered events in a bounded ring, followers that resume.
@Suite("Event log")
struct ControlEventLogTests {
    @Test("events are numbered from 1; the ring keeps the newest ones and says which")
    func ringKeepsNewest() {
        let log = EventLog(capacity: 3)
        #expect(log.bounds.oldest == nil)
        #expect(log.bounds.latest == 0)
        for job in 1...5 { log.publish(.stored, job: Int64(job)) }
        #expect(log.events(after: 0).map(\.sequence) == [3, 4, 5])
        #expect(log.events(after: 4).map(\.job) == [5])
        #expect(log.bounds.oldest == 3)
        #expect(log.bounds.latest == 5)
    }

    @Test("a follower gets the kept events after its number, then live ones, and leaves when it stops")
    func followResumes() async {
        let log = EventLog(capacity: 10)
        for job in 1...4 { log.publish(.accepted, job: Int64(job), file: "f\(job)") }
        let stream = log.follow(after: 2)
        log.publish(.rejected, job: 5, state: "rejected", detail: "不是报告")
        var iterator = stream.makeAsyncIterator()
        var seen: [UInt64] = []
        for _ in 0..<3 { if let event = await iterator.next() { seen.append(event.sequence) } }
        #expect(seen == [3, 4, 5])
        #expect(log.followerCount == 1)

        let consumer = Task {
            var count = 0
            for await _ in log.follow(after: nil) { count += 1 }
            return count
        }
        while log.followerCount < 2 { await Task.yield() }
        consumer.cancel()
        _ = await consumer.value
        #expect(log.followerCount == 1, "a cancelled follower is removed")
    }

    @Test("an event carries its kind, job, file, state and detail, and encodes with snake_case kinds")
    func eventFields() throws {
        let log = EventLog(clock: { Date(timeIntervalSince1970: 0) })
        log.publish(.intakePaused, detail: "已暂停")
        let event = try #require(log.events(after: 0).first)
        #expect(event.kind == .intakePaused)
        #expect(event.time == Date(timeIntervalSince1970: 0))
        let json = String(decoding: try ControlJSON.encoder.encode(event), as: UTF8.self)
        #expect(json.contains(#""kind":"intake_paused""#))
        #expect(json.contains(#""time":"1970-01-01T00:00:00Z""#))
    }
}
