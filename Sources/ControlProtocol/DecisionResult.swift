/// `decide`: the decision as recorded.
public struct DecisionResult: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var verdict: DecisionRequest.Verdict
    public var body: String
    public var year: Int
    /// The peer's user name.
    public var by: String
    public var note: String?

    public init(fingerprint: String, verdict: DecisionRequest.Verdict, body: String, year: Int, by: String,
                note: String?) {
        self.fingerprint = fingerprint
        self.verdict = verdict
        self.body = body
        self.year = year
        self.by = by
        self.note = note
    }
}
