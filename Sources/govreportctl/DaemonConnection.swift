import ArgumentParser
import ControlProtocol
import Foundation

/// The options every daemon command shares: where the socket is and whether to print JSON.
struct DaemonOptions: ParsableArguments {
    @Option(name: .customLong("socket"), help: ArgumentHelp(
        "The daemon's control socket (default: $GOVREPORT_SOCKET, else ./govreport-data/govreportd.sock if it exists, else /run/govreport/govreportd.sock).",
        valueName: "path"))
    var socket: String?

    @Flag(help: "Print JSON for scripts instead of text for people.")
    var json = false

    /// The socket path this run uses.
    var socketPath: String {
        if let socket { return socket }
        if let path = ProcessInfo.processInfo.environment["GOVREPORT_SOCKET"], !path.isEmpty { return path }
        let local = "./govreport-data/govreportd.sock"
        return FileManager.default.fileExists(atPath: local) ? local : "/run/govreport/govreportd.sock"
    }

    /// Connects, runs `body`, and turns a failure into its message on stderr and its exit code.
    func withClient<T>(_ body: (ControlClient) throws -> T) throws -> T {
        do {
            let client = try ControlClient(path: socketPath)
            return try body(client)
        } catch let failure as ClientFailure {
            printError(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("govreportctl: " + message + "\n").utf8))
}

/// Prints a value as pretty JSON with sorted keys, as `check --json` does.
func printJSON(_ value: some Encodable) throws {
    let encoder = ControlJSON.encoder
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
