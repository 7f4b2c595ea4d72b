/// ANSI colours for people's output, or none (not a terminal, `NO_COLOR`, `TERM=dumb`).
struct Palette {
    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", cyan = "36"
    }

    var enabled: Bool

    /// Colour exactly when standard output wants it.
    static var forStandardOutput: Palette { Palette(enabled: Terminal.stdoutWantsColor()) }

    func apply(_ style: Style, _ text: String) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The colour of a job state.
    static func style(forState state: String) -> Style? {
        switch state {
        case "stored": .green
        case "failed", "quarantined": .red
        case "rejected", "retrying": .yellow
        case "queued", "running": .cyan
        default: nil
        }
    }

    /// The colour of a report status.
    static func style(forStatus status: String) -> Style? {
        switch status {
        case "valid": .green
        case "warnings": .yellow
        case "invalid", "rejected": .red
        default: nil
        }
    }
}
