/// What a client asks the daemon to do, with the command's parameters.
public enum ControlCommand: Sendable, Hashable {
    case hello(HelloRequest)
    case status
    case jobs(JobsQuery)
    case show(ShowRequest)
    case retry(RetryRequest)
    case export(ExportRequest)
    case pause
    case resume
    case watch(WatchRequest)
    case decide(DecisionRequest)
    case compare(CompareRequest)

    /// The command's name on the wire.
    public var name: String {
        switch self {
        case .hello: "hello"
        case .status: "status"
        case .jobs: "jobs"
        case .show: "show"
        case .retry: "retry"
        case .export: "export"
        case .pause: "pause"
        case .resume: "resume"
        case .watch: "watch"
        case .decide: "decide"
        case .compare: "compare"
        }
    }

    /// Every command name this protocol version knows, as the server's hello lists them.
    public static let names = ["hello", "status", "jobs", "show", "retry", "export", "pause", "resume", "watch", "decide", "compare"]

    /// Whether the command changes the daemon's state, and so needs the admin group (a dry-run retry only reads).
    public var changesState: Bool {
        switch self {
        case .retry(let request): !request.dryRun
        case .pause, .resume, .decide: true
        case .hello, .status, .jobs, .show, .export, .watch, .compare: false
        }
    }
}
