import Foundation
import ReportModel
import ReportStore
import Testing

/// Recording refused inbox entries as `quarantined` jobs.
@Suite struct QuarantineRecordTests {
    private func entry(_ name: String, key: String) -> QuarantinedEntry {
        QuarantinedEntry(documentKey: fakeSHA256(key), fileName: name, entry: "\(name):1:2:3.4",
                         reason: "符号链接 / a symbolic link", size: 0)
    }

    @Test func recordsAQuarantinedJobWithItsReasonAndNoBytes() throws {
        let directory = try TemporaryDirectory()
        let queue = SQLiteJobQueue(database: try directory.database())
        let ids = try queue.recordQuarantined([entry("link.txt", key: "a"), entry("pipe", key: "b")])
        #expect(ids.count == 2)
        let job = try #require(try queue.job(ids[0]))
        #expect(job.state == .quarantined)
        #expect(job.fileName == "link.txt")
        #expect(job.lastError == "符号链接 / a symbolic link")
        #expect(try queue.documentBytes(job.sha256) == [])
        #expect(try queue.counts()[.quarantined] == 2)
        #expect(try queue.history(of: ids[0]).map(\.to) == [.quarantined])
        #expect(try queue.claim(limit: 10).isEmpty, "a quarantined entry never runs by itself")
    }

    @Test func recordingTheSameEntryAgainKeepsItsJob() throws {
        let directory = try TemporaryDirectory()
        let queue = SQLiteJobQueue(database: try directory.database())
        let first = try queue.recordQuarantined([entry("link.txt", key: "a")])
        let again = try queue.recordQuarantined([entry("link.txt", key: "other")])
        #expect(first == again)
        #expect(try queue.counts()[.quarantined] == 1)
    }

    @Test func refusesAKeyThatIsNotASHA256() throws {
        let directory = try TemporaryDirectory()
        let queue = SQLiteJobQueue(database: try directory.database())
        #expect(throws: StoreError.self) {
            try queue.recordQuarantined([QuarantinedEntry(documentKey: "xyz", fileName: "a", entry: "a", reason: "r", size: 0)])
        }
    }
}
