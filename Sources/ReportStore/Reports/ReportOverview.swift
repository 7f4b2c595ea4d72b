/// A stored report version with its title and how many findings of each severity it has.
public struct ReportOverview: Sendable, Hashable {
    public var stored: StoredReport
    public var title: String?
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(stored: StoredReport, title: String?, errors: Int, warnings: Int, infos: Int) {
        self.stored = stored
        self.title = title
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }
}
