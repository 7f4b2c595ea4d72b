import Foundation
import Testing

/// Runs `scripts/install.sh` and the systemd tools on the files it installs, in temporary directories.
enum InstallStep {
    /// The repository's root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The products directory of this build, which holds govreportd and govreportctl.
    static let products: URL = {
        var url = Bundle.main.bundleURL
        for candidate in Bundle.allBundles.map(\.bundleURL) + [url] {
            let dir = candidate.pathExtension == "xctest" ? candidate.deletingLastPathComponent() : candidate
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("govreportd").path) {
                url = dir
                break
            }
        }
        return url
    }()

    /// What a command printed and how it ended.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable arguments…` with extra environment, waiting for it to end.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory ?? repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the install script (binaries from this build, nothing compiled) with the given environment.
    @discardableResult
    static func install(_ arguments: [String] = [], environment: [String: String]) throws -> Output {
        let output = try run(repository.appendingPathComponent("scripts/install.sh").path,
                             ["--from", products.path] + arguments, environment: environment)
        #expect(output.status == 0, "install.sh failed: \(output.stderr)")
        return output
    }

    /// A new empty directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govreport-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
