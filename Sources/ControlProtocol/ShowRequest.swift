/// `show`: one job, with its history, its report and the report's findings.
public struct ShowRequest: Sendable, Hashable, Codable {
    public var job: Int64

    public init(job: Int64) {
        self.job = job
    }
}
