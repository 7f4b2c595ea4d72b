// Stores synthetic reports through the queue in a loop until it is killed, so that a test can SIGKILL it in
// the middle of a transaction and check what is left. Usage: govreport-store-crashtest <database path>
// Prints "ready" once its first batch is committed.
import Foundation
import ReportModel
import ReportStore

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: govreport-store-crashtest <database path>\n".utf8))
    exit(2)
}

/// 64 random lowercase hex digits.
func randomKey() -> String {
    (0..<4).map { _ in
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
}

do {
    let queue = SQLiteJobQueue(database: try StoreDatabase(path: arguments[1]))
    _ = try queue.rescueOrphans()
    var batch = 0
    while true {
        let files = (0..<5).map { index in
            IncomingFile(sha256: randomKey(), bytes: Array("batch \(batch) file \(index)".utf8),
                         fileName: "f\(batch)-\(index).txt")
        }
        _ = try queue.enqueue(files)
        let jobs = try queue.claim(limit: 5)
        try queue.complete(jobs.enumerated().map { index, job in
            let year = 2019 + (batch + index) % 5
            return JobCompletion(id: job.id, report: SyntheticReport.make(body: "机关\(index)", year: year,
                                                                           new: Int64(batch % 50)))
        })
        if batch == 0 { FileHandle.standardOutput.write(Data("ready\n".utf8)) }
        batch += 1
    }
} catch {
    FileHandle.standardError.write(Data("govreport-store-crashtest: \(error)\n".utf8))
    exit(1)
}
