import ControlProtocol
import Foundation
import ReportModel
import ReportStore
import Testing

/// `compare` on the wire and `govreportctl compare BODY` against an in-process control server with known
/// reports: 昆吾办 2020 and 2021 (the same tables) and a 2022 report stored here with two cells changed.
@Suite("govreportctl compare")
struct ControlCompareTests {
    /// Stores 昆吾办 2022 with t2.licensing.decisions 73 → 80 and t3.new.natural lowered by 2; returns the
    /// seed's t3.new.natural and the lowered value.
    static func addChangedYear(_ server: ControlTestServer) throws -> (natural2021: Int64, natural2022: Int64) {
        var report = try ControlTestServer.seedReport(body: "昆吾办", year: 2022)
        report.sha256 = ""  // no document row behind it
        report.tables[.t2]?["licensing", "decisions"] = Cell(raw: "80", kind: .number, value: .integer(80))
        let natural = try #require(report.tables[.t3]?["new", "natural"]?.value?.integerValue)
        let lowered = natural - 2
        report.tables[.t3]?["new", "natural"] = Cell(raw: String(lowered), kind: lowered == 0 ? .zero : .number,
                                                     value: .integer(lowered))
        _ = try server.store.store(report)
        return (natural, lowered)
    }

    @Test("compare --json lists the years oldest first and every cell with its values and changes")
    func compareJSON() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let (natural, lowered) = try Self.addChangedYear(server)
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "compare", "昆吾办", "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let result = try ControlJSON.decoder.decode(CompareResult.self, from: Data(run.stdout.utf8))
        #expect(result.body == "昆吾办")
        #expect(result.years == [2020, 2021, 2022])
        let licensing = try #require(result.cells.first { $0.table == "t2" && $0.row == "licensing" && $0.column == "decisions" })
        #expect(licensing.label == "表二 第二十条第（五）项 行政许可 本年处理决定数量")
        #expect(licensing.values.map(\.value) == [.integer(73), .integer(73), .integer(80)])
        #expect(licensing.values.map(\.change) == [nil, .integer(0), .integer(7)])
        let newNatural = try #require(result.cells.first { $0.table == "t3" && $0.row == "new" && $0.column == "natural" })
        #expect(newNatural.values.map(\.value) == [.integer(natural), .integer(natural), .integer(lowered)])
        #expect(newNatural.values.last?.change == .integer(-2))
        // Every canonical cell the reports have, t2 before t3 before t4.
        #expect(result.cells.count > 100)
        #expect(result.cells.map(\.table) == result.cells.map(\.table).sorted())
        // Missing values are explicit nulls, so every year has the same keys.
        #expect(run.stdout.contains("\"change\" : null"))
    }

    @Test("compare prints aligned columns per year with ↑ and ↓ marks for changes")
    func compareHuman() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        _ = try Self.addChangedYear(server)
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "compare", "昆吾办"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "昆吾办  2020、2021、2022")
        let header = try #require(lines.dropFirst().first)
        #expect(header.hasPrefix("项目"))
        let licensing = try #require(lines.first { $0.contains("t2.licensing.decisions") })
        #expect(licensing.contains("73 =") && licensing.hasSuffix("80 ↑7"))
        let natural = try #require(lines.first { $0.contains("t3.new.natural") })
        #expect(natural.hasSuffix("↓2"))
        // The key column and the year columns start at the same display column on every line.
        for (marker, value) in [("2021", "73 ="), ("2022", "80 ↑7")] {
            let width = String(header[..<(try #require(header.range(of: marker))).lowerBound]).displayWidth
            let start = try #require(licensing.range(of: value)).lowerBound
            #expect(String(licensing[..<start]).displayWidth == width, "\(licensing)")
        }
    }

    @Test("compare for a body without reports exits with the not-found code")
    func compareUnknownBody() async throws {
        let server = try await ControlTestServer()
        defer { Task { await server.stop() } }
        let run = try await ControlCtlProcess.run(["--socket", server.socketPath, "compare", "不存在办"])
        #expect(run.exitCode == 3)
        #expect(run.stderr.contains("不存在办"))
        #expect(run.stdout.isEmpty)
    }

    @Test("the compare request round-trips on the wire and its name is in the hello's capabilities")
    func compareOnTheWire() throws {
        let request = ControlRequest(id: 9, command: .compare(CompareRequest(body: "青丘办")))
        let line = try ControlJSON.line(request)
        let decoded = ControlRequest.decode(line: line.dropLast())
        #expect(try decoded.get() == request)
        #expect(String(decoding: line, as: UTF8.self).contains("\"command\":\"compare\""))
        #expect(ServerHello.allCapabilities.contains("compare"))
        #expect(!ControlCommand.compare(CompareRequest(body: "x")).changesState)
    }
}
