import Foundation
import Testing

/// `scripts/install.sh` into a staging root: every file where the units expect it, idempotent, and an edited
/// configuration kept.
@Suite("install script")
struct InstallScriptTests {
    @Test("every file lands where the unit and systemd look for it")
    func filesWhereExpected() throws {
        try InstallStep.withTemporaryDirectory { dest in
            try InstallStep.install(environment: ["DESTDIR": dest.path])
            let unitURL = dest.appendingPathComponent("usr/local/lib/systemd/system/govreportd.service")
            let unit = try String(contentsOf: unitURL, encoding: .utf8)
            let execStart = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
            let words = execStart.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
            #expect(FileManager.default.isExecutableFile(atPath: dest.path + words[0]))
            let config = try #require(words.firstIndex(of: "--config").map { words[$0 + 1] })
            #expect(FileManager.default.fileExists(atPath: dest.path + config))
            for path in ["usr/local/bin/govreportctl", "usr/local/lib/sysusers.d/govreport.conf",
                         "usr/local/lib/tmpfiles.d/govreport.conf",
                         "usr/local/share/bash-completion/completions/govreportctl",
                         "usr/local/share/zsh/site-functions/_govreportctl",
                         "usr/local/share/fish/vendor_completions.d/govreportctl.fish"] {
                #expect(FileManager.default.fileExists(atPath: dest.appendingPathComponent(path).path), "\(path)")
            }
            let completion = try String(contentsOf: dest.appendingPathComponent(
                "usr/local/share/bash-completion/completions/govreportctl"), encoding: .utf8)
            #expect(completion.contains("govreportctl"))
        }
    }

    @Test("a second run changes nothing and keeps an edited configuration")
    func idempotentAndKeepsConfig() throws {
        try InstallStep.withTemporaryDirectory { dest in
            let environment = ["DESTDIR": dest.path]
            try InstallStep.install(environment: environment)
            let before = try snapshot(dest)
            try InstallStep.install(environment: environment)
            #expect(try snapshot(dest) == before)

            let config = dest.appendingPathComponent("etc/govreport/govreportd.conf")
            let edited = try String(contentsOf: config, encoding: .utf8) + "\n# edited by the office\n"
            try edited.write(to: config, atomically: true, encoding: .utf8)
            let output = try InstallStep.install(environment: environment)
            #expect(try String(contentsOf: config, encoding: .utf8) == edited)
            #expect(FileManager.default.fileExists(atPath: config.path + ".new"))
            #expect(output.stdout.contains("govreportd.conf.new"))

            let removed = try InstallStep.run(InstallStep.repository.appendingPathComponent("scripts/install.sh").path,
                                              ["--uninstall"], environment: environment)
            #expect(removed.status == 0)
            #expect(!FileManager.default.fileExists(atPath: dest.appendingPathComponent("usr/local/bin/govreportd").path))
            #expect(!FileManager.default.fileExists(
                atPath: dest.appendingPathComponent("usr/local/lib/systemd/system/govreportd.service").path))
            #expect(try String(contentsOf: config, encoding: .utf8) == edited, "uninstall keeps the configuration")
        }
    }

    /// Every file under `root` with its size, mode and modification time.
    private func snapshot(_ root: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var info = stat()
            guard lstat(root.appendingPathComponent(path).path, &info) == 0 else { continue }
            out[path] = "\(info.st_size) \(info.st_mode) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return out
    }
}
