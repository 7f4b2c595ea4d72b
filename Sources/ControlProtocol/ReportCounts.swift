/// Report versions in the store.
public struct ReportCounts: Sendable, Hashable, Codable {
    public var all: Int
    public var current: Int

    public init(all: Int, current: Int) {
        self.all = all
        self.current = current
    }
}
