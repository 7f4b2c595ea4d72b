import ControlProtocol
import Foundation
import GovReportDaemon
import Logging
import ReportModel
import ReportParsing
import ReportStore
import ReportValidation
import Testing

/// A control server on a temporary socket over a temporary store filled with known jobs and reports,
/// running in this process until ``stop()``.
final class ControlTestServer: @unchecked Sendable {
    let directory: URL
    let socketPath: String
    let databasePath: String
    let events: EventLog
    let database: StoreDatabase
    let queue: SQLiteJobQueue
    let store: ReportStore
    /// The known jobs, by what they are.
    private(set) var jobs: [String: Int64] = [:]
    private var task: Task<Void, any Error>?
    private let wakes = LockedCounter()

    /// The time the fixture jobs start at; each step adds a minute.
    static let start = Date(timeIntervalSince1970: 1_772_352_000)  // 2026-03-01 08:00:00 UTC

    /// - Parameters:
    ///   - configure: changes to the server configuration (limits, groups, mode).
    ///   - fill: whether to store the known jobs and reports.
    init(fill: Bool = true, configure: (inout ControlServer.Configuration) -> Void = { _ in }) async throws {
        // Short paths: a Unix socket path has at most 107 bytes.
        directory = URL(fileURLWithPath: "/tmp/grc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o755)
        socketPath = directory.appendingPathComponent("govreportd.sock").path
        databasePath = directory.appendingPathComponent("govreport.sqlite").path
        events = EventLog(capacity: 100)
        database = try StoreDatabase(path: databasePath)
        let clock = FixtureClock(Self.start)
        queue = SQLiteJobQueue(database: database, retryPolicy: .dontRetry, now: { clock.now })
        store = ReportStore(database: database, now: { clock.now })
        if fill { try fillStore(clock) }

        var configuration = ControlServer.Configuration(socketPath: socketPath)
        configure(&configuration)
        let context = ControlContext(databasePath: databasePath, inboxPath: directory.appendingPathComponent("inbox").path,
                                     startedAt: Self.start, events: events, wakeWorkers: { [wakes] in wakes.add() })
        let server = ControlServer(configuration: configuration, context: context,
                                   logger: Logger(label: "control-test"))
        task = Task { try await server.run() }
        try await waitUntilListening()
    }

    /// How often the server woke the workers.
    var wakeCount: Int { wakes.value }

    /// Stops the server and removes the directory.
    func stop() async {
        task?.cancel()
        _ = try? await task?.value
        try? FileManager.default.removeItem(at: directory)
    }

    /// Waits for the server task to end by itself (it failed) and returns its error.
    func failure() async -> (any Error)? {
        do {
            try await task?.value
            return nil
        } catch {
            return error
        }
    }

    /// Waits for the server's hello: it is sent once the socket file has its mode and group.
    private func waitUntilListening() async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let client = try? await SocketTestClient.connect(socketPath),
               (try? await client.read(ServerHello.self)) != nil {
                client.close()
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the control server did not answer on \(socketPath)")
        throw CancellationError()
    }

    /// The seed report, parsed and validated, with another body and year.
    static func seedReport(body: String, year: Int) throws -> Report {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/kunwu-2020", withExtension: "txt"))
        let bytes = Array(try Data(contentsOf: url))
        var report = DocumentReader().read(bytes, fileName: "kunwu-2020.txt")
        report.body = body
        report.year = year
        report.title = "\(body)\(year)年政府信息公开工作年度报告"
        report.file = "\(body)-\(year).txt"
        return ReportValidator().validate(report)
    }

    static func seedBytes() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/kunwu-2020", withExtension: "txt"))
        return Array(try Data(contentsOf: url))
    }

    /// Stores: three reports (昆吾办 2020 and 2021, 青丘办 2020), one rejected, one failed, one duplicate and one
    /// queued job, a minute apart.
    private func fillStore(_ clock: FixtureClock) throws {
        let seed = try Self.seedBytes()
        func offer(_ name: String, _ bytes: [UInt8]) throws -> JobID {
            clock.advance(60)
            return try queue.enqueue(IncomingFile(sha256: sha256Hex(bytes), bytes: bytes, fileName: name)).jobID
        }
        func complete(_ id: JobID, _ report: Report) throws {
            clock.advance(60)
            _ = try queue.claim(limit: 10)
            try queue.complete(id, with: report)
        }
        let kunwu2020 = try offer("kunwu-2020.txt", seed)
        try complete(kunwu2020, try Self.seedReport(body: "昆吾办", year: 2020))
        let kunwu2021 = try offer("kunwu-2021.txt", seed + Array("\n2021".utf8))
        try complete(kunwu2021, try Self.seedReport(body: "昆吾办", year: 2021))
        let qingqiu = try offer("qingqiu-2020.txt", seed + Array("\n青丘".utf8))
        try complete(qingqiu, try Self.seedReport(body: "青丘办", year: 2020))
        let junk = try offer("junk.txt", Array("hello".utf8))
        clock.advance(60)
        _ = try queue.claim(limit: 10)
        _ = try queue.fail(junk, .permanent("不是政府信息公开工作年度报告"))
        let broken = try offer("broken.pdf", Array("%PDF-1.4 broken".utf8))
        clock.advance(60)
        _ = try queue.claim(limit: 10)
        _ = try queue.fail(broken, .transient("pdftotext 超时"))
        let duplicate = try offer("kunwu-2020-copy.txt", seed)
        let queued = try offer("waiting.txt", Array("waiting".utf8))
        jobs = ["kunwu2020": kunwu2020.rawValue, "kunwu2021": kunwu2021.rawValue, "qingqiu": qingqiu.rawValue,
                "junk": junk.rawValue, "broken": broken.rawValue, "duplicate": duplicate.rawValue,
                "queued": queued.rawValue]
    }
}

/// A clock the fixture moves by hand.
final class FixtureClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A counter shared with the server.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A stand-in document key derived from the bytes: 64 lowercase hex digits (the store only checks the form).
func sha256Hex(_ bytes: [UInt8]) -> String {
    var hashes: [UInt64] = [0xcbf2_9ce4_8422_2325, 0x1000_0000_01b3, 0x9e37_79b9_7f4a_7c15, 0x7f4a_7c15_9e37_79b9]
    for byte in bytes {
        for index in hashes.indices {
            hashes[index] = (hashes[index] ^ UInt64(byte)) &* (0x1000_0000_01b3 &+ UInt64(index) * 2)
        }
    }
    return hashes.map { String($0, radix: 16).leftPadded(to: 16) }.joined()
}

extension String {
    /// The text with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
