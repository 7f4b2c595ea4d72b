import Foundation

extension ReportStore {
    /// Records (or replaces) a person's decision on a finding for (body, year); it applies to every version.
    public func decide(_ verdict: FindingDecision.Verdict, fingerprint: String, body: String, year: Int, by person: String,
                       note: String? = nil) throws {
        let at = Milliseconds.from(currentTime)
        try database.write { c in
            try c.run("""
                INSERT INTO decisions (fingerprint, body, year, decision, decided_by, decided_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fingerprint, body, year) DO UPDATE
                SET decision = excluded.decision, decided_by = excluded.decided_by,
                    decided_at = excluded.decided_at, note = excluded.note
                """, .text(fingerprint), .text(body), .integer(Int64(year)), .text(verdict.rawValue), .text(person),
                .integer(at), .text(note))
        }
    }

    /// Records a decision on a finding of a stored report (for that report's body and year).
    public func decide(_ verdict: FindingDecision.Verdict, fingerprint: String, onReport id: ReportID, by person: String,
                       note: String? = nil) throws {
        guard let stored = try storedReport(id) else { throw StoreError.reportNotFound(id) }
        guard let body = stored.body, let year = stored.year else { throw StoreError.reportWithoutBodyAndYear(id) }
        try decide(verdict, fingerprint: fingerprint, body: body, year: year, by: person, note: note)
    }

    /// Forgets a decision; the finding is open again.
    public func clearDecision(fingerprint: String, body: String, year: Int) throws {
        try database.write { c in
            try c.run("DELETE FROM decisions WHERE fingerprint = ? AND body = ? AND year = ?", .text(fingerprint),
                      .text(body), .integer(Int64(year)))
        }
    }

    /// The decision for a fingerprint in (body, year), if any.
    public func decision(fingerprint: String, body: String, year: Int) throws -> FindingDecision? {
        try database.read { c in
            var result: FindingDecision?
            try c.query("""
                SELECT body, year, decision, decided_by, decided_at, note FROM decisions
                WHERE fingerprint = ? AND body = ? AND year = ?
                """, .text(fingerprint), .text(body), .integer(Int64(year))) {
                result = ReportReader.decision($0, offset: 0, fingerprint: fingerprint)
            }
            return result
        }
    }
}
