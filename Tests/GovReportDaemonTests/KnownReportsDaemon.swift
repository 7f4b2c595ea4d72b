import ControlProtocol
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `govreportd` on a temporary directory with known files dropped into its inbox one at a time, each
/// waited for through `govreportctl status --json`, so that job ids and the order of events are always the same:
/// three reports (昆吾办 2020 and 2021, 青丘办 2020), one rejected, one failed and one duplicate job.
final class KnownReportsDaemon: @unchecked Sendable {
    /// One file to drop: the name of its job in ``jobs``, its file name in the inbox and its bytes.
    struct Drop {
        var key: String
        var file: String
        var bytes: [UInt8]
    }

    /// The daemon of the suite that has the ``KnownReportsDaemonTrait``.
    @TaskLocal static var current: KnownReportsDaemon?

    let temporary: TemporaryDirectory
    let daemon: DaemonProcess
    /// The known jobs' ids, by what they are (`kunwu2020`, `junk`, …).
    private(set) var jobs: [String: Int64] = [:]

    /// Every known file, in the order they are dropped.
    static let all: [Drop] = {
        let seedText = String(decoding: Fixture.seed, as: UTF8.self)
        return [
            Drop(key: "kunwu2020", file: "kunwu-2020.txt", bytes: Fixture.seed),
            Drop(key: "kunwu2021", file: "kunwu-2021.txt",
                 bytes: Array(seedText.replacingOccurrences(of: "2020", with: "2021").utf8)),
            Drop(key: "qingqiu", file: "qingqiu-2020.txt",
                 bytes: Array(seedText.replacingOccurrences(of: "昆吾办", with: "青丘办").utf8)),
            Drop(key: "junk", file: "junk.txt", bytes: Array("hello".utf8)),
            // The configured pdftotext cannot be started: a transient failure, and with one attempt allowed, `failed`.
            Drop(key: "broken", file: "broken.pdf", bytes: Array("%PDF-1.4 broken".utf8)),
            Drop(key: "duplicate", file: "kunwu-2020-copy.txt", bytes: Fixture.seed),
        ]
    }()

    /// Starts the daemon and drops `drops` (all known files unless told otherwise), waiting for each.
    static func start(_ drops: [Drop] = all) async throws -> KnownReportsDaemon {
        let temporary = try TemporaryDirectory()
        // A "converter" whose interpreter does not exist: it passes the installed check, then fails to start.
        let converter = temporary.path("fake-pdftotext")
        try Data("#!/nonexistent/interpreter\n".utf8).write(to: converter)
        chmod(converter.path, 0o755)
        let configuration = DaemonProcess.quickConfiguration + "\npdftotext = \(converter.path)\nretry.max_attempts = 1\n"
        let daemon = try await DaemonProcess.launch(dataDirectory: temporary.path("data"), configuration: configuration)
        let fixture = KnownReportsDaemon(temporary: temporary, daemon: daemon)
        do {
            for (index, drop) in drops.enumerated() {
                try Data(drop.bytes).write(to: daemon.inbox.appendingPathComponent(drop.file))
                try await daemon.waitUntilSettled(jobs: index + 1)
            }
            let ids = Dictionary(try await daemon.jobs().map { ($0.file, $0.id) }) { first, _ in first }
            for drop in drops { fixture.jobs[drop.key] = try #require(ids[drop.file]) }
        } catch {
            await fixture.stop()
            throw error
        }
        return fixture
    }

    /// Starts a daemon with `drops`, runs `body` with it and stops it, also when `body` throws.
    static func with<T>(_ drops: [Drop] = all, _ body: (KnownReportsDaemon) async throws -> T) async throws -> T {
        let fixture = try await start(drops)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    private init(temporary: TemporaryDirectory, daemon: DaemonProcess) {
        self.temporary = temporary
        self.daemon = daemon
    }

    /// The id of a known job, as an argument.
    func id(_ key: String) throws -> String { String(try #require(jobs[key], "no known job \(key)")) }

    /// Stops the daemon (SIGTERM, then SIGKILL if it does not end).
    func stop() async {
        if (try? await daemon.stop()) == nil { try? await daemon.stop(signal: SIGKILL) }
    }
}

/// Starts one ``KnownReportsDaemon`` for a whole suite (read-only tests share it) and stops it afterwards.
struct KnownReportsDaemonTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try await KnownReportsDaemon.with { fixture in
            try await KnownReportsDaemon.$current.withValue(fixture) { try await function() }
        }
    }
}

extension Trait where Self == KnownReportsDaemonTrait {
    /// One daemon with the known reports for the suite, reached through ``KnownReportsDaemon/current``.
    static var knownReportsDaemon: Self { Self() }
}
