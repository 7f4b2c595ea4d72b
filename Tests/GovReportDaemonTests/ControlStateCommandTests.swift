import ControlProtocol
import Foundation
import Testing

/// `govreportctl`'s state-changing commands against a real `govreportd` of their own (they would change what the
/// golden tests see): retry, pause, resume, findings and watch do what they say and print it.
@Suite("govreportctl state-changing commands")
struct ControlStateCommandTests {
    @Test("retry, pause, resume, findings and watch do what they say and print it")
    func stateChangingCommands() async throws {
        let drops = KnownReportsDaemon.all.filter { ["kunwu2020", "broken"].contains($0.key) }
        try await KnownReportsDaemon.with(drops) { fixture in try await check(fixture) }
    }

    private func check(_ fixture: KnownReportsDaemon) async throws {
        let daemon = fixture.daemon
        let broken = try fixture.id("broken")

        let retry = try await daemon.ctl(["retry", "--failed"])
        #expect(retry.exitCode == 0, "\(retry.stderr)")
        #expect(retry.stdout == "已重新排队 1 个任务：\(broken)\n")
        // The retried job runs again and, its converter still missing, fails again: its history says so.
        try await waitForCondition("the retried job has failed again") {
            let show = try await daemon.ctl(["show", broken, "--json"])
            let history = try ControlJSON.decoder.decode(ShowResult.self, from: Data(show.stdout.utf8)).history
            return history.filter { $0.to == "failed" }.count == 2
        }
        #expect(try await daemon.status().jobs.failed == 1)

        let pause = try await daemon.ctl(["pause"])
        #expect(pause.stdout.contains("已暂停"))
        #expect(try await daemon.status().intakePaused)
        let resume = try await daemon.ctl(["resume", "--json"])
        #expect(resume.stdout.contains("\"intake_paused\" : false"))
        #expect(try await !daemon.status().intakePaused)

        let kunwu = try fixture.id("kunwu2020")
        let before = try ControlJSON.decoder.decode(ShowResult.self, from: Data(try await daemon.ctl(["show", kunwu, "--json"]).stdout.utf8))
        let fingerprint = try #require(before.findings.first?.fingerprint)
        #expect(before.findings.first?.decision == nil)
        let accept = try await daemon.ctl(["findings", "accept", fingerprint, "--job", kunwu, "--note", "已核实"])
        #expect(accept.exitCode == 0, "\(accept.stderr)")
        #expect(accept.stdout.contains("已确认问题 \(fingerprint)（昆吾办 2020 年，root）：已核实"))
        let after = try ControlJSON.decoder.decode(ShowResult.self, from: Data(try await daemon.ctl(["show", kunwu, "--json"]).stdout.utf8))
        let decision = try #require(after.findings.first { $0.fingerprint == fingerprint }?.decision)
        #expect(decision.by == "root")
        #expect(decision.note == "已核实")

        // Every event from the first, until intake_resumed: retried comes before intake_paused, then intake_resumed.
        let watch = try await ControlCtlProcess.run(["--socket", daemon.socketPath, "watch", "--from", "1", "--json"]) {
            $0.contains("\"intake_resumed\"") && $0.hasSuffix("\n")
        }
        let events = try watch.stdout.split(separator: "\n").map {
            try ControlJSON.decoder.decode(DaemonEvent.self, from: Data($0.utf8))
        }
        #expect(events.map(\.sequence) == Array(1...UInt64(events.count)), "numbered from 1 without gaps")
        let retried = try #require(events.first { $0.kind == .retried })
        let paused = try #require(events.first { $0.kind == .intakePaused })
        let resumed = try #require(events.first { $0.kind == .intakeResumed })
        #expect(retried.job.map(String.init) == broken)
        #expect(retried.sequence < paused.sequence && paused.sequence < resumed.sequence)
        #expect(events.contains { $0.kind == .stored && $0.job.map(String.init) == kunwu })

        // Resuming from a sequence number starts there.
        let resumedWatch = try await daemon.ctl(["watch", "--from", String(paused.sequence), "--count", "1", "--json"])
        #expect(resumedWatch.exitCode == 0, "\(resumedWatch.stderr)")
        let first = try ControlJSON.decoder.decode(DaemonEvent.self, from: Data(resumedWatch.stdout.utf8))
        #expect(first.sequence == paused.sequence)
        #expect(first.kind == .intakePaused)
        let human = try await daemon.ctl(["watch", "--from", String(retried.sequence), "--count", "1"])
        #expect(human.stdout.hasPrefix("#\(retried.sequence)  "))
        #expect(human.stdout.contains("retried  任务 \(broken)"))
    }
}
