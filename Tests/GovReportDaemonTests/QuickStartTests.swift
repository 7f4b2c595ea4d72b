import ControlProtocol
import Foundation
import Testing

/// The quick start as a person types it — `govreportd --data-dir DIR` with no configuration file, `cp` a report
/// into `DIR/inbox`, `govreportctl --socket DIR/govreportd.sock status` — and then a corrected version of the
/// same report, which supersedes the first in the export while `jobs` keeps both.
@Suite struct QuickStartTests {
    @Test func aCopiedReportIsStoredAndACorrectedVersionSupersedesIt() async throws {
        let temporary = try TemporaryDirectory()
        let data = temporary.path("data")
        let daemon = try await DaemonProcess.launch(dataDirectory: data, configuration: nil)
        #expect(daemon.process.arguments == ["--data-dir", data.path])
        let seed = temporary.path("kunwu-2020.txt")
        try Data(Fixture.seed).write(to: seed)
        try copy(seed, to: data.appendingPathComponent("inbox"))

        let socket = data.appendingPathComponent("govreportd.sock").path
        var shown = ""
        try await waitForCondition("status shows the report stored") {
            shown = try await ControlCtlProcess.run(["--socket", socket, "status"]).stdout
            return shown.range(of: #"已入库\s+stored\s+1\n"#, options: .regularExpression) != nil
        }
        #expect(shown.contains("报告:          当前 1 份，共 1 个版本"), "\(shown)")
        #expect(shown.contains("收件箱:        \(data.path)/inbox"))

        // The same body and year, one number corrected: different bytes, a new version of the same report.
        let corrected = temporary.path("kunwu-2020-corrected.txt")
        let correctedText = String(decoding: Fixture.seed, as: UTF8.self)
            .replacingOccurrences(of: "发布信息28条", with: "发布信息29条")
        #expect(Array(correctedText.utf8) != Fixture.seed)
        try Data(correctedText.utf8).write(to: corrected)
        try copy(corrected, to: data.appendingPathComponent("inbox"))
        let status = try await daemon.waitForStatus("the corrected version is stored") { $0.jobs.stored == 2 }
        #expect(status.reports.all == 2)
        #expect(status.reports.current == 1)
        // Both were stored well within the last 15 minutes (the golden tests hide these counts).
        #expect(status.throughput.first { $0.minutes == 15 }?.stored == 2)

        let jobs = try await daemon.jobs()
        #expect(jobs.map(\.file) == ["kunwu-2020-corrected.txt", "kunwu-2020.txt"])
        #expect(jobs.allSatisfy { $0.state == "stored" && $0.body == "昆吾办" && $0.year == 2020 })
        let exported = try await daemon.exportedReports()
        #expect(exported.count == 1)
        #expect(exported.first?["sha256"] as? String == jobs.first?.sha256)
        #expect(exported.first?["file"] as? String == "kunwu-2020-corrected.txt")
        #expect(exported.first?["version"] as? Int == 2)
        #expect(try await daemon.stop() == 0)
    }

    /// `cp FILE DIR/` as a child process.
    private func copy(_ file: URL, to directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = [file.path, directory.path + "/"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// Polls an asynchronous `condition` every 100 ms until it holds; throws after `timeout` seconds.
func waitForCondition(_ what: String, timeout: TimeInterval = 60, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try await condition() { return }
        guard Date() < deadline else { throw WaitTimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(100))
    }
}
