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
        let start = ContinuousClock.now
        let result = try await pool.run({ () -> Int in
            Thread.sleep(forTimeInterval: 2)
            return 1
        }, limit: .milliseconds(100))
        #expect(result == nil)
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func passesErrorsOn() async {
        struct Failure: Error {}
        let pool = BlockingPool(threads: 1)
        await #expect(throws: Failure.self) { try await pool.run({ () throws -> Int in throw Failure() }, limit: .seconds(5)) }
    }
}
