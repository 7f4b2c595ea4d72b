import ControlProtocol
import Foundation
import ReportModel
import Testing

/// Request lines: the wire form of every command, and how a bad line is told apart.
@Suite("Control requests")
struct ControlRequestTests {
    @Test("every command survives a round trip through its JSON line", arguments: [
        ControlCommand.hello(HelloRequest(protocols: [1], client: "test")), .status,
        .jobs(JobsQuery(state: "failed", body: "昆吾办", year: 2020, limit: 5, before: 10)),
        .show(ShowRequest(job: 3)), .retry(RetryRequest(jobs: [1, 2], failed: true, dryRun: true)),
        .export(ExportRequest(format: .ndjson, year: 2021, status: .invalid)), .pause, .resume,
        .watch(WatchRequest(after: 7)),
        .decide(DecisionRequest(fingerprint: "ab12", verdict: .dismissed, note: "原表如此", body: "昆吾办", year: 2020)),
    ])
    func roundTrip(_ command: ControlCommand) throws {
        let line = try ControlJSON.line(ControlRequest(id: 42, command: command))
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A), "one line")
        let decoded = try ControlRequest.decode(line: line.dropLast()).get()
        #expect(decoded == ControlRequest(id: 42, command: command))
    }

    @Test("the documented wire form decodes, with params left out or defaulted")
    func documentedForm() throws {
        let jobs = try ControlRequest.decode(line: Array(#"{"id":7,"command":"jobs","params":{"state":"failed"}}"#.utf8)).get()
        #expect(jobs.command == .jobs(JobsQuery(state: "failed")))
        let retry = try ControlRequest.decode(line: Array(#"{"id":8,"command":"retry","params":{"rejected":true,"dry_run":true}}"#.utf8)).get()
        #expect(retry.command == .retry(RetryRequest(rejected: true, dryRun: true)))
        let status = try ControlRequest.decode(line: Array(#"{"id":1,"command":"status"}"#.utf8)).get()
        #expect(status.command == .status)
        let export = try ControlRequest.decode(line: Array(#"{"id":2,"command":"export"}"#.utf8)).get()
        #expect(export.command == .export(ExportRequest(format: .csv)))
    }

    @Test("malformed lines, unknown commands and bad parameters are told apart")
    func failures() {
        #expect(failure(#"not json"#) == .malformed("不是带有数字 id 和字符串 command 的 JSON 对象"))
        #expect(failure(#"{"command":"status"}"#) == .malformed("不是带有数字 id 和字符串 command 的 JSON 对象"))
        #expect(failure(#"{"id":3,"command":"launch"}"#) == .unknownCommand(id: 3, name: "launch"))
        guard case .badParameters(let id, _) = failure(#"{"id":4,"command":"show"}"#) else {
            Issue.record("show without params should be bad parameters")
            return
        }
        #expect(id == 4)
        guard case .badParameters(5, _) = failure(#"{"id":5,"command":"export","params":{"format":"xls"}}"#) else {
            Issue.record("an unknown export format should be bad parameters")
            return
        }
    }

    @Test("only retry (not a dry run), pause, resume and decide change state")
    func stateChanging() {
        #expect(ControlCommand.retry(RetryRequest(failed: true)).changesState)
        #expect(!ControlCommand.retry(RetryRequest(failed: true, dryRun: true)).changesState)
        #expect(ControlCommand.pause.changesState)
        #expect(ControlCommand.resume.changesState)
        #expect(ControlCommand.decide(DecisionRequest(fingerprint: "x", verdict: .accepted)).changesState)
        #expect(!ControlCommand.status.changesState)
        #expect(!ControlCommand.export(ExportRequest()).changesState)
        #expect(!ControlCommand.watch(WatchRequest()).changesState)
    }

    private func failure(_ text: String) -> ControlRequest.DecodingFailure? {
        if case .failure(let failure) = ControlRequest.decode(line: Array(text.utf8)) { return failure }
        return nil
    }
}
