import Foundation
import ReportModel
import Testing
@testable import ReportStore

/// A process killed (SIGKILL) in the middle of storing leaves a sound file and no half-stored report.
@Suite struct CrashTests {
    /// The helper executable, built next to the test bundle.
    static var helper: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("govreport-store-crashtest")
    }

    @Test(.timeLimit(.minutes(2)))
    func killedWhileStoringLeavesNoHalfStoredReport() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.helper.path) else {
            Issue.record("build govreport-store-crashtest first (missing \(Self.helper.path))")
            return
        }
        let dir = try TemporaryDirectory()
        let path = dir.path("crash.sqlite")
        for round in 1...5 {
            // Given the helper storing in a loop
            let process = Process()
            process.executableURL = Self.helper
            process.arguments = [path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let ready = output.fileHandleForReading.availableData
            #expect(String(decoding: ready, as: UTF8.self).hasPrefix("ready"), "round \(round)")

            // When it is killed at some moment
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...300)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            // Then the file is sound and every report is whole
            try Self.checkWhole(path, round: round)
        }
    }

    static func checkWhole(_ path: String, round: Int) throws {
        let database = try StoreDatabase(path: path)
        #expect(try database.integrityCheck() == "ok", "round \(round)")
        try database.read { c in
            #expect(try c.scalarInt("SELECT count(*) FROM reports") ?? 0 > 0)
            // Every report has all its cells and sections
            for template in [ReportTemplate.gov2019, .gov2021] {
                let cells = Int64(CanonicalColumn.of(template).count)
                let broken = try c.scalarInt("""
                    SELECT count(*) FROM reports r
                    WHERE r.template = ? AND ((SELECT count(*) FROM cells WHERE report_id = r.id) <> ?
                                              OR (SELECT count(*) FROM sections WHERE report_id = r.id) <> 6)
                    """, .text(template.id.rawValue), .integer(cells))
                #expect(broken == 0, "round \(round): \(template.id) reports with missing parts")
            }
            // A report exists exactly when its job is stored
            #expect(try c.scalarInt("""
                SELECT count(*) FROM reports r
                WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.report_id = r.id AND j.state = 'stored')
                """) == 0)
            #expect(try c.scalarInt("""
                SELECT count(*) FROM jobs j WHERE j.state = 'stored'
                AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = j.report_id)
                """) == 0)
            // Every (body, year) has one current report
            #expect(try c.scalarInt("""
                SELECT count(*) FROM (SELECT body, year FROM reports GROUP BY body, year HAVING sum(is_current) <> 1)
                """) == 0)
            // The counts table agrees with the jobs
            #expect(try c.scalarInt("""
                SELECT count(*) FROM job_counts k
                WHERE k.n <> (SELECT count(*) FROM jobs j WHERE j.state = k.state)
                """) == 0)
        }
    }
}
