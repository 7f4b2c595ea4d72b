import Foundation
import ReportModel
@testable import ReportStore

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("govreport-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A new store file in the directory.
    func database(_ name: String = "store.sqlite") throws -> StoreDatabase {
        try StoreDatabase(path: path(name))
    }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A stand-in document key: 64 lowercase hex digits derived from a label.
func fakeSHA256(_ label: String) -> String {
    (0..<4).map { salt in
        let hex = String(Fingerprint.fnv1a("\(salt)|\(label)"), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
}

/// An incoming file whose bytes are the label's UTF-8.
func incoming(_ label: String, name: String? = nil, entry: String? = nil) -> IncomingFile {
    IncomingFile(sha256: fakeSHA256(label), bytes: Array(label.utf8), fileName: name ?? "\(label).txt", entry: entry)
}
