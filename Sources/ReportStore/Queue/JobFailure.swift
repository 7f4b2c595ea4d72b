/// Why a run failed, classified by the worker.
public enum JobFailure: Sendable, Hashable {
    /// Might succeed later (a converter timed out, the disk was full): `retrying` with back-off, then `failed`.
    case transient(String)
    /// Will not succeed by trying again (not a report, undecodable, legacy layout): `rejected`.
    case permanent(String)

    public var message: String {
        switch self {
        case .transient(let m), .permanent(let m): m
        }
    }
}
