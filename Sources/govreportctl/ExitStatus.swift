/// govreportctl's exit codes (`check` uses 1 and 2 for its own meanings; see its help).
enum ExitStatus {
    static let ok: Int32 = 0
    /// The daemon answered with an error that has no code of its own (e.g. a job in the wrong state).
    static let failure: Int32 = 1
    /// The daemon is not reachable (no socket, not running, too busy, connection lost).
    static let unreachable: Int32 = 2
    /// No such job, report or finding.
    static let notFound: Int32 = 3
    /// The socket or the command is not allowed for this user.
    static let permissionDenied: Int32 = 4
    /// Wrong arguments (also for a request the daemon calls bad or ambiguous).
    static let usage: Int32 = 64

    /// The exit code table for `--help`.
    static let helpText = "\n" + """
        Exit codes (check has its own, see check --help):
          0   done
          1   refused by the daemon (e.g. a job that cannot be retried)
          2   daemon not reachable (not running, wrong --socket, too busy)
          3   not found (no such job, report or finding)
          4   permission denied (socket group, or admin group needed)
          64  usage error (wrong arguments, ambiguous fingerprint)
        """
}
