/// One finding of one current report, with the report's body and year.
public struct FindingRow: Sendable, Hashable {
    public var body: String?
    public var year: Int?
    public var stored: StoredFinding

    public init(body: String?, year: Int?, stored: StoredFinding) {
        self.body = body
        self.year = year
        self.stored = stored
    }
}
