import ArgumentParser
import ControlProtocol
import Foundation

extension GovReportCtl {
    /// `govreportctl watch`: the daemon's events as they happen.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow the daemon's events live (files accepted, jobs stored, rejected, retried …).",
            discussion: """
                Examples:
                  govreportctl watch
                  govreportctl watch --from 120          (resume: event 120 and after, as far back as kept)
                  govreportctl watch --json --count 10   (ten events as JSON lines, then stop)

                Every event has a sequence number (#120). To resume after a disconnect, pass the number \
                after the last one you saw. Stop with Ctrl-C.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Option(help: ArgumentHelp("Start with this sequence number (kept events first, then live ones).",
                                   valueName: "seq"))
        var from: UInt64?

        @Option(help: "Stop after this many events.")
        var count: Int?

        func validate() throws {
            if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        }

        func run() throws {
            let request = WatchRequest(after: from.map { $0 > 0 ? $0 - 1 : 0 })
            let palette = Palette.forStandardOutput
            let encoder = ControlJSON.encoder
            var seen = 0
            _ = try options.withClient { client in
                try client.stream(.watch(request)) { line in
                    guard let event = line.event else { return true }
                    if options.json {
                        print(String(decoding: try encoder.encode(event), as: UTF8.self))
                    } else {
                        print(Self.render(event, palette: palette))
                    }
                    fflush(nil)
                    seen += 1
                    return count.map { seen < $0 } ?? true
                }
            }
        }

        /// One event as a line for people: `#12  2026-11-29 17:05:03  stored  任务 3  kunwu-2020.txt  通过`.
        static func render(_ event: DaemonEvent, palette: Palette) -> String {
            let style = Palette.style(forState: event.state ?? event.kind.rawValue)
            var parts = [palette.apply(.dim, "#\(event.sequence)"), HumanFormat.time(event.time),
                         palette.apply(style ?? .bold, event.kind.rawValue)]
            if let job = event.job { parts.append("任务 \(job)") }
            if let file = event.file { parts.append(file) }
            if let detail = event.detail { parts.append(detail) }
            return parts.joined(separator: "  ")
        }
    }
}
