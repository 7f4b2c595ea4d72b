import Foundation

/// Resident memory now (VmRSS) and its peak so far (VmHWM), from `/proc/self/status` (Linux only).
struct MemoryUsage {
    var rssKiB: Int
    var hwmKiB: Int

    /// Nil where `/proc/self/status` does not exist or lacks the fields.
    static func current() -> MemoryUsage? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var fields: [String: Int] = [:]
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") || line.hasPrefix("VmHWM:") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, let kib = Int(parts[1]) { fields[String(parts[0])] = kib }
        }
        guard let rss = fields["VmRSS:"], let hwm = fields["VmHWM:"] else { return nil }
        return MemoryUsage(rssKiB: rss, hwmKiB: hwm)
    }
}
