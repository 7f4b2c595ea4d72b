import Foundation

/// A person's decision about a finding, kept by fingerprint for one (body, year) so that it survives
/// re-processing and newer versions of the same report.
public struct FindingDecision: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// The finding is right and stands (acknowledged).
        case accepted
        /// The finding is not a problem here; it leaves the open findings.
        case dismissed
    }

    public var fingerprint: String
    public var body: String
    public var year: Int
    public var verdict: Verdict
    public var decidedBy: String
    public var decidedAt: Date
    public var note: String?

    public init(fingerprint: String, body: String, year: Int, verdict: Verdict, decidedBy: String, decidedAt: Date,
                note: String? = nil) {
        self.fingerprint = fingerprint
        self.body = body
        self.year = year
        self.verdict = verdict
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.note = note
    }
}
