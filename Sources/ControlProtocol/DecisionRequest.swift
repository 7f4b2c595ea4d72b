/// `decide`: accept or dismiss a finding, by fingerprint, for one report's body and year.
///
/// The report is named by `job` (the job that produced it) or by `body` and `year`; with neither, the
/// fingerprint must belong to the findings of exactly one current report.
public struct DecisionRequest: Sendable, Hashable, Codable {
    /// What the person decided.
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// The finding is right and stands.
        case accepted
        /// The finding is not a problem here.
        case dismissed
    }

    public var fingerprint: String
    public var verdict: Verdict
    public var note: String?
    public var job: Int64?
    public var body: String?
    public var year: Int?

    public init(fingerprint: String, verdict: Verdict, note: String? = nil, job: Int64? = nil, body: String? = nil,
                year: Int? = nil) {
        self.fingerprint = fingerprint
        self.verdict = verdict
        self.note = note
        self.job = job
        self.body = body
        self.year = year
    }
}
