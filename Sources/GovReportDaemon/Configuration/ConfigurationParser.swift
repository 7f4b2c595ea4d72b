import Logging

/// Reads `govreportd.conf`: `key = value` lines, `#` comments, blank lines. Values may be double-quoted.
///
/// Unknown keys, repeated keys and bad values are errors that name the line. Durations are seconds, or a number
/// with `ms`, `s`, `m` or `h`; sizes are bytes, or a number with `K`, `M` or `G` (powers of 1024).
public struct ConfigurationParser: Sendable {
    public init() {}

    /// Every key the file may set.
    public static let keys: [String] = [
        "data_dir", "inbox", "database", "quarantine", "socket", "socket_mode", "read_group", "admin_group",
        "workers", "max_file_size", "settle_seconds", "scan_interval", "job_timeout", "retry.max_attempts",
        "retry.base_delay", "retry.max_delay", "drain_timeout", "queue_high_water", "pdftotext", "antiword",
        "log_level",
    ]

    /// The configuration `text` describes, on top of `base` (the embedded defaults unless given).
    public func parse(_ text: String, file: String? = nil,
                      base: DaemonConfiguration = DaemonConfiguration()) throws(ConfigurationError) -> DaemonConfiguration {
        var configuration = base
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ message: String) -> ConfigurationError { ConfigurationError(file: file, line: number, message) }
            let line = Self.strippingComment(rawLine).trimmingWhitespace()
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected `key = value`, found \"\(line.prefix(60))\"")
            }
            let key = String(line[..<equals]).trimmingWhitespace()
            var value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard Self.keys.contains(key) else {
                throw fail("unknown setting '\(key)' (known: \(Self.keys.joined(separator: ", ")))")
            }
            if let earlier = seen[key] { throw fail("'\(key)' is already set on line \(earlier)") }
            seen[key] = number
            do {
                try apply(key, value, to: &configuration)
            } catch let error as ValueError {
                throw fail("\(key): \(error.message)")
            } catch {
                throw fail("\(key): \(error)")
            }
        }
        return configuration
    }

    /// A value that does not fit its key.
    struct ValueError: Error {
        var message: String
    }

    private func apply(_ key: String, _ value: String, to c: inout DaemonConfiguration) throws {
        switch key {
        case "data_dir": c.dataDirectory = try Self.path(value)
        case "inbox": c.inbox = try Self.path(value)
        case "database": c.database = try Self.path(value)
        case "quarantine": c.quarantine = try Self.path(value)
        case "socket": c.socket = try Self.path(value)
        case "socket_mode":
            guard let mode = UInt32(value.hasPrefix("0o") ? String(value.dropFirst(2)) : value, radix: 8), mode <= 0o777
            else { throw ValueError(message: "expected an octal mode such as 0660, got '\(value)'") }
            c.socketMode = mode
        case "read_group": c.readGroup = value.isEmpty ? nil : value
        case "admin_group": c.adminGroup = value.isEmpty ? nil : value
        case "control_max_line": c.controlMaxLineBytes = try Self.size(value)
        case "control_max_connections": c.controlMaxConnections = try Self.count(value, atLeast: 1)
        case "control_idle_timeout": c.controlIdleTimeout = try Self.duration(value, positive: true)
        case "workers": c.workers = try Self.count(value, atLeast: 1)
        case "max_file_size": c.maxFileSize = try Self.size(value)
        case "settle_seconds": c.settle = try Self.duration(value)
        case "scan_interval": c.scanInterval = try Self.duration(value, positive: true)
        case "job_timeout": c.jobTimeout = try Self.duration(value, positive: true)
        case "retry.max_attempts": c.retryMaxAttempts = try Self.count(value, atLeast: 1)
        case "retry.base_delay": c.retryBaseDelay = try Self.duration(value)
        case "retry.max_delay": c.retryMaxDelay = try Self.duration(value)
        case "drain_timeout": c.drainTimeout = try Self.duration(value)
        case "queue_high_water": c.queueHighWater = try Self.count(value, atLeast: 1)
        case "pdftotext": c.pdftotext = try Self.path(value)
        case "antiword": c.antiword = try Self.path(value)
        case "log_level": c.logLevel = try Self.logLevel(value)
        default: throw ValueError(message: "unknown setting")
        }
    }

    /// A log level name: trace, debug, info, notice, warning, error, critical.
    static func logLevel(_ value: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: value.lowercased()) else {
            throw ValueError(message: "expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value)'")
        }
        return level
    }

    private static func path(_ value: String) throws -> String {
        guard !value.isEmpty else { throw ValueError(message: "expected a path") }
        return value
    }

    private static func count(_ value: String, atLeast minimum: Int) throws -> Int {
        guard let number = Int(value.replacingUnderscores()), number >= minimum else {
            throw ValueError(message: "expected a whole number of at least \(minimum), got '\(value)'")
        }
        return number
    }

    /// Bytes, or a number with K, M or G (KiB, MiB, GiB); a trailing `B` or `iB` is allowed.
    static func size(_ value: String) throws -> Int {
        var text = value.replacingUnderscores().uppercased()
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        var multiplier = 1
        if let last = text.last, let power = ["K": 1, "M": 2, "G": 3][String(last)] {
            multiplier = 1 << (10 * power)
            text.removeLast()
        }
        guard let number = Int(text.trimmingWhitespace()), number > 0 else {
            throw ValueError(message: "expected a size such as 50M, got '\(value)'")
        }
        return number * multiplier
    }

    /// Seconds, or a number with ms, s, m or h.
    static func duration(_ value: String, positive: Bool = false) throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var text = value.trimmingWhitespace()
        var scale = 1.0
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            scale = factor
            break
        }
        guard let number = Double(text.trimmingWhitespace()), number.isFinite, number >= 0, !positive || number > 0 else {
            throw ValueError(message: "expected a duration such as 2, 500ms or 10m, got '\(value)'")
        }
        return .milliseconds(Int64((number * scale * 1000).rounded()))
    }

    /// The line without a `#` comment (a `#` inside double quotes is kept).
    private static func strippingComment(_ line: Substring) -> Substring {
        var quoted = false
        for index in line.indices {
            switch line[index] {
            case "\"": quoted.toggle()
            case "#" where !quoted: return line[..<index]
            default: break
            }
        }
        return line
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// The text without `_` digit separators (`20_000`).
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
