#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about where the output goes.
enum Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set or `TERM` is `dumb`.
    static func stdoutWantsColor() -> Bool {
        guard isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}
