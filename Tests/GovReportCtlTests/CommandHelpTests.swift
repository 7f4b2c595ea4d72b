import Foundation
import Testing

/// `--help` of every command teaches by example and lists the exit codes; the shell completion scripts that
/// swift-argument-parser generates name every subcommand.
@Suite("govreportctl help and completions")
struct CommandHelpTests {
    /// Every command path, as typed after `govreportctl`.
    static let commands: [[String]] = [
        [], ["check"], ["status"], ["jobs"], ["show"], ["retry"], ["export"], ["compare"], ["pause"], ["resume"],
        ["watch"], ["findings"], ["findings", "accept"], ["findings", "dismiss"],
    ]

    /// The subcommand names the completion scripts must offer.
    static let subcommands = ["check", "status", "jobs", "show", "retry", "export", "compare", "pause", "resume",
                              "watch", "findings", "accept", "dismiss"]

    @Test("every command's --help has an example invocation and the exit codes", arguments: commands)
    func helpHasExamplesAndExitCodes(_ command: [String]) throws {
        let run = try GovReportCtlProcess.run(command + ["--help"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let invocation = (["govreportctl"] + command.prefix(2)).joined(separator: " ")
        #expect(run.stdout.contains("Example"), "\(command): no examples")
        #expect(run.stdout.contains("  \(invocation) ") || run.stdout.contains("  \(invocation)\n"),
                "\(command): no example of \(invocation)")
        #expect(run.stdout.contains("Exit codes"), "\(command): no exit codes")
        #expect(run.stdout.contains("64"), "\(command): no usage exit code")
    }

    @Test("the top-level help lists every subcommand")
    func helpListsSubcommands() throws {
        let run = try GovReportCtlProcess.run(["--help"])
        for name in Self.subcommands where !["accept", "dismiss"].contains(name) {
            #expect(run.stdout.contains("  \(name) "), "\(name) missing from --help")
        }
    }

    @Test("the bash, zsh and fish completion scripts mention every subcommand", arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) throws {
        let run = try GovReportCtlProcess.run(["--generate-completion-script", shell])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.count > 500)
        for name in Self.subcommands {
            #expect(run.stdout.contains(name), "\(shell) completion lacks \(name)")
        }
        // Options of the new commands are completed too.
        #expect(run.stdout.contains("shape"), "\(shell) completion lacks export --shape")
    }
}
