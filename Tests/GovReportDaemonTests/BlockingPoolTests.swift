import Dispatch
import Foundation
@testable import GovReportDaemon
import Testing

@Suite struct BlockingPoolTests {
    @Test func runsBlockingWorkAndReturnsItsResult() async throws {
        let pool = BlockingPool(threads: 2)
        #expect(try await pool.run { 6 * 7 } == 42)
        #expect(try await pool.run({ 1 + 1 }, limit: .seconds(5)) == 2)
    }

    @Test func stopsWaitingAfterTheLimit() async throws {
        let pool = BlockingPool(threads: 2)
        // The body cannot end before the test lets it, so only the limit can end the wait.
        let release = DispatchSemaphore(value: 0)
        let result = try await pool.run({ () -> Int in
            release.wait()
            return 1
        }, limit: .milliseconds(100))
        #expect(result == nil)
        release.signal()
    }

    @Test func passesErrorsOn() async {
        struct Failure: Error {}
        let pool = BlockingPool(threads: 1)
        await #expect(throws: Failure.self) { try await pool.run({ () throws -> Int in throw Failure() }, limit: .seconds(5)) }
    }
}
