import Foundation

/// What a person decided about a finding.
public struct DecisionSummary: Sendable, Hashable, Codable {
    public var verdict: DecisionRequest.Verdict
    public var by: String
    public var at: Date
    public var note: String?

    public init(verdict: DecisionRequest.Verdict, by: String, at: Date, note: String?) {
        self.verdict = verdict
        self.by = by
        self.at = at
        self.note = note
    }
}
